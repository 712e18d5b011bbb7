import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../server/db/connect.ts';
import { loadLibrary } from './roles.library.ts';

describe('the knowledge base in content/', () => {
  const { library, problems } = loadLibrary();

  it('validates with no problems', () => {
    expect(problems).toEqual([]);
  });

  it('has CPO, CTO and at least seven neighbours, each filling every dimension', () => {
    const ids = library.roles.map((r) => r.id).sort();
    expect(ids).toEqual(['cdo', 'cio', 'cpo', 'cpto', 'cto', 'head-of-engineering', 'head-of-product', 'vp-engineering', 'vp-product']);
    for (const r of library.roles) {
      expect(r.responsibilities.length, r.id).toBeGreaterThanOrEqual(6);
      expect(r.misconceptions.length, r.id).toBeGreaterThanOrEqual(3);
      expect(r.focus.successAt90Days.length, r.id).toBeGreaterThanOrEqual(3);
      expect(r.compensation.drivers.length, r.id).toBeGreaterThanOrEqual(4);
      for (const f of r.compensation.figures) {
        expect(f.source.length, `${r.id} figure source`).toBeGreaterThan(3);
        expect(f.year).toBeGreaterThanOrEqual(2000);
      }
    }
    expect(library.roles.find((r) => r.id === 'cto')!.occupationCodes.onet?.code).toBe('11-3021.00');
  });

  it('has at least 15 competencies, each with four distinct anchors and weights in 1–5', () => {
    expect(library.competencies.length).toBeGreaterThanOrEqual(15);
    for (const c of library.competencies) {
      const anchors = [c.anchors['1'], c.anchors['2'], c.anchors['3'], c.anchors['4']];
      expect(new Set(anchors.map((a) => a.label)).size, c.id).toBe(4);
      for (const a of anchors) expect(a.behaviours.length, c.id).toBeGreaterThanOrEqual(2);
      for (const w of Object.values(c.roleWeights)) expect(w >= 1 && w <= 5 && Number.isInteger(w), c.id).toBe(true);
    }
  });

  it('gives CPO and CTO clearly different competency profiles', () => {
    const weight = (comp: string, role: string) => library.competencies.find((c) => c.id === comp)!.roleWeights[role] ?? 0;
    expect(weight('market-customer-insight', 'cpo')).toBeGreaterThan(weight('market-customer-insight', 'cto'));
    expect(weight('technology-strategy-architecture', 'cto')).toBeGreaterThan(weight('technology-strategy-architecture', 'cpo'));
    expect(library.roles.find((r) => r.id === 'cpo')!.focus.orientation).toBeGreaterThan(0);
    expect(library.roles.find((r) => r.id === 'cto')!.focus.orientation).toBeLessThan(0);
  });

  it('reports every problem of broken content, with file and field', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-content-'));
    fs.cpSync(path.join(findPackageRoot(), 'content'), root, { recursive: true });
    const cto = JSON.parse(fs.readFileSync(path.join(root, 'roles', 'cto.json'), 'utf8'));
    delete cto.misconceptions;
    cto.focus.orientation = 3;
    cto.overlaps[0].role = 'chief-wizard';
    fs.writeFileSync(path.join(root, 'roles', 'cto.json'), JSON.stringify(cto));
    fs.writeFileSync(path.join(root, 'competencies', 'broken.json'), '{ not json');
    const { problems: found } = loadLibrary(root);
    const paths = found.map((p) => `${path.basename(p.file)} ${p.path}`);
    expect(paths).toEqual(expect.arrayContaining(['cto.json misconceptions', 'cto.json focus.orientation', 'broken.json (file)']));
    fs.rmSync(root, { recursive: true, force: true });
  });
});
