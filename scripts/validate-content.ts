// Validates content/ (roles, competencies) against the zod schemas and cross-references.
// Prints every problem; exits 1 when there is any.
import { loadLibrary } from '../src/modules/roles/roles.library.ts';

const { library, problems } = loadLibrary();
for (const p of problems) console.log(`${p.file.replace(process.cwd() + '/', '')} ${p.path}: ${p.message}`);
console.log(`${library.roles.length} roles, ${library.competencies.length} competencies, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
