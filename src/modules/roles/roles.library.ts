import fs from 'node:fs';
import path from 'node:path';
import { findPackageRoot } from '../../server/db/connect.ts';
import {
  type Competency,
  type IndividualQuestionnaireContent,
  type IndividualWeightsContent,
  type OrgQuestionnaireContent,
  type OrgWeightsContent,
  type RoleProfile,
  competencySchema,
  individualQuestionnaireSchema,
  individualWeightsSchema,
  orgQuestionnaireSchema,
  orgWeightsSchema,
  roleProfileSchema,
} from './roles.content.ts';

export interface ContentProblem {
  file: string;
  path: string;
  message: string;
}

export interface Library {
  roles: RoleProfile[];
  competencies: Competency[];
  advisor: {
    organization: OrgQuestionnaireContent;
    organizationWeights: OrgWeightsContent;
    individual: IndividualQuestionnaireContent;
    individualWeights: IndividualWeightsContent;
  };
}

type Parser<T> = (v: unknown) => { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };

function readJsonFile<T>(file: string, parse: Parser<T>, problems: ContentProblem[]): T | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    problems.push({ file, path: '(file)', message: fs.existsSync(file) ? `not valid JSON: ${(e as Error).message}` : 'missing' });
    return undefined;
  }
  const r = parse(raw);
  if (!r.success) {
    for (const i of r.error.issues) problems.push({ file, path: i.path.map(String).join('.') || '(root)', message: i.message });
    return undefined;
  }
  return r.data;
}

function readJsonDir<T>(dir: string, parse: Parser<T>, problems: ContentProblem[]): T[] {
  if (!fs.existsSync(dir)) return [];
  const out: T[] = [];
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const file = path.join(dir, name);
    const data = readJsonFile(file, parse, problems);
    if (data === undefined) continue;
    const idOf = (data as { id?: string }).id;
    if (idOf && `${idOf}.json` !== name) problems.push({ file, path: 'id', message: `id "${idOf}" must match the file name` });
    out.push(data);
  }
  return out;
}

/**
 * Loads and validates the knowledge base, including cross-references (skills name existing
 * competencies, overlaps name existing roles, weights name existing roles). Returns every problem.
 */
export function loadLibrary(root = path.join(findPackageRoot(), 'content')): { library: Library; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const roles = readJsonDir(path.join(root, 'roles'), (v) => roleProfileSchema.safeParse(v), problems);
  const competencies = readJsonDir(path.join(root, 'competencies'), (v) => competencySchema.safeParse(v), problems);
  const roleIds = new Set(roles.map((r) => r.id));
  const competencyIds = new Set(competencies.map((c) => c.id));
  for (const r of roles) {
    const file = path.join(root, 'roles', `${r.id}.json`);
    for (const [kind, skills] of [['hard', r.skills.hard], ['soft', r.skills.soft]] as const) {
      skills.forEach((s, i) =>
        s.competencies.forEach((c, j) => {
          if (!competencyIds.has(c)) problems.push({ file, path: `skills.${kind}.${i}.competencies.${j}`, message: `unknown competency "${c}"` });
        }),
      );
    }
    r.overlaps.forEach((o, i) => {
      if (!roleIds.has(o.role)) problems.push({ file, path: `overlaps.${i}.role`, message: `unknown role "${o.role}"` });
      if (o.role === r.id) problems.push({ file, path: `overlaps.${i}.role`, message: 'a role does not overlap itself' });
    });
    const weighted = competencies.filter((c) => c.roleWeights[r.id] !== undefined).length;
    if (weighted < 5) problems.push({ file, path: '(competencies)', message: `only ${weighted} competencies weight this role; at least 5 must` });
  }
  for (const c of competencies) {
    for (const roleId of Object.keys(c.roleWeights)) {
      if (!roleIds.has(roleId)) problems.push({ file: path.join(root, 'competencies', `${c.id}.json`), path: `roleWeights.${roleId}`, message: `unknown role "${roleId}"` });
    }
  }
  const advisorDir = path.join(root, 'advisor');
  const organization = readJsonFile(path.join(advisorDir, 'organization.json'), (v) => orgQuestionnaireSchema.safeParse(v), problems);
  const organizationWeights = readJsonFile(path.join(advisorDir, 'organization-weights.json'), (v) => orgWeightsSchema.safeParse(v), problems);
  const individual = readJsonFile(path.join(advisorDir, 'individual.json'), (v) => individualQuestionnaireSchema.safeParse(v), problems);
  const individualWeights = readJsonFile(path.join(advisorDir, 'individual-weights.json'), (v) => individualWeightsSchema.safeParse(v), problems);
  if (organization && organizationWeights) {
    const file = path.join(advisorDir, 'organization-weights.json');
    const outcomes = new Set(organization.outcomes.map((o) => o.id));
    for (const o of organization.outcomes) {
      for (const r of o.roles) if (!roleIds.has(r)) problems.push({ file: path.join(advisorDir, 'organization.json'), path: `outcomes.${o.id}.roles`, message: `unknown role "${r}"` });
      if (!organizationWeights.nextSteps[o.id]) problems.push({ file, path: `nextSteps.${o.id}`, message: 'every outcome needs next steps' });
    }
    for (const [qid, options] of Object.entries(organizationWeights.effects)) {
      const question = organization.questions.find((x) => x.id === qid);
      if (!question) {
        problems.push({ file, path: `effects.${qid}`, message: 'unknown question' });
        continue;
      }
      for (const [oid, effect] of Object.entries(options)) {
        if (!question.options.some((x) => x.id === oid)) problems.push({ file, path: `effects.${qid}.${oid}`, message: 'unknown option' });
        for (const outcome of Object.keys(effect.points)) {
          if (!outcomes.has(outcome)) problems.push({ file, path: `effects.${qid}.${oid}.points.${outcome}`, message: 'unknown outcome' });
        }
      }
    }
  }
  if (individual && individualWeights) {
    const file = path.join(advisorDir, 'individual-weights.json');
    const current = individual.questions.find((x) => x.id === 'currentRole');
    const currentIds = new Set(current && 'options' in current ? current.options.map((o) => o.id) : []);
    for (const [from, byRole] of Object.entries(individualWeights.pathCloseness)) {
      if (!currentIds.has(from)) problems.push({ file, path: `pathCloseness.${from}`, message: 'unknown current role' });
      for (const r of Object.keys(byRole)) if (!roleIds.has(r)) problems.push({ file, path: `pathCloseness.${from}.${r}`, message: `unknown role "${r}"` });
    }
    for (const [from, byRole] of Object.entries(individualWeights.steps)) {
      if (!currentIds.has(from)) problems.push({ file, path: `steps.${from}`, message: 'unknown current role' });
      for (const r of Object.keys(byRole)) if (!roleIds.has(r)) problems.push({ file, path: `steps.${from}.${r}`, message: `unknown role "${r}"` });
    }
  }
  const advisor =
    organization && organizationWeights && individual && individualWeights ? { organization, organizationWeights, individual, individualWeights } : undefined;
  return { library: { roles, competencies, advisor: advisor! }, problems };
}

let cached: Library | undefined;

/** The validated library, loaded once per process; throws listing every problem if content is invalid. */
export function library(): Library {
  if (cached) return cached;
  const { library: lib, problems } = loadLibrary();
  if (problems.length) {
    throw new Error(`The content library is invalid:\n${problems.map((p) => `  ${p.file} ${p.path}: ${p.message}`).join('\n')}`);
  }
  cached = lib;
  return lib;
}
