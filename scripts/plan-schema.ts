// Writes docs/plan-format.schema.json, the JSON Schema of the portable plan format (rubric.plan/v1),
// generated from the zod schema. A test checks the committed file is up to date.
import fs from 'node:fs';
import path from 'node:path';
import { planJsonSchema } from '../src/modules/plans/plans.schema.ts';

const file = path.join(import.meta.dirname, '..', 'docs', 'plan-format.schema.json');
fs.writeFileSync(file, JSON.stringify(planJsonSchema(), null, 2) + '\n');
console.error(`wrote ${path.relative(process.cwd(), file)}`);
