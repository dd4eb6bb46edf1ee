import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import type { BundlePublished, MatterPublished } from '@onewindow/contracts';
import { bundleLimits, bundleMaterials, type BundleFormMember } from './bundle-form';

const seeds = resolve(__dirname, '../../../../../seeds');
const matters = new Map(
  (JSON.parse(readFileSync(resolve(seeds, 'matters.json'), 'utf8')) as MatterPublished[]).map((m) => [m.code, m]),
);
const bundles = JSON.parse(readFileSync(resolve(seeds, 'bundles.json'), 'utf8')) as BundlePublished[];
const membersOf = (code: string): BundleFormMember[] => {
  const b = bundles.find((x) => x.code === code);
  if (!b) throw new Error(code);
  return b.matters.map((bm) => ({ matter: matters.get(bm.matterCode) as MatterPublished, stage: bm.stage }));
};

describe('a bundle’s one form (一件事一张表)', () => {
  it('asks for each material once, and not for the business licence that stage 1 of the restaurant bundle issues', () => {
    const form = bundleMaterials(membersOf('YJS-WH-CANYIN'));
    const codes = form.map((m) => m.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual(['M-APP', 'M-AOA', 'M-ID', 'M-PREM', 'M-AGENT', 'M-BL', 'M-SITE', 'M-SAFE', 'M-FIRE', 'M-HEALTH']);
    const required = form.filter((m) => m.required).map((m) => m.code);
    expect(required).toEqual(['M-APP', 'M-AOA', 'M-ID', 'M-PREM', 'M-SITE', 'M-SAFE', 'M-FIRE', 'M-HEALTH']);
    expect(form.find((m) => m.code === 'M-BL')).toMatchObject({ required: false, shareable: true });
  });

  it('keeps a material required when one matter needs it from the applicant, and shareable only if every matter accepts a document', () => {
    // 二手房: the contract is the housing bureau's own input at stage 1 (not shareable there), the tax certificate comes from stage 1.
    const form = bundleMaterials(membersOf('YJS-WH-ERSHOUFANG'));
    expect(form.find((m) => m.code === 'M-CONTRACT')).toMatchObject({ required: true, shareable: false });
    expect(form.find((m) => m.code === 'M-CONTRACT')?.providedByMatterCodes).toBeUndefined();
    expect(form.find((m) => m.code === 'M-TAX')).toMatchObject({ required: false });
    expect(form.find((m) => m.code === 'M-CERT')).toMatchObject({ required: true, shareable: true });
  });

  it('over any bundle of the seeds: every material of every matter is on the form, required unless an earlier stage produces it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...bundles.map((b) => b.code)), (code) => {
        const members = membersOf(code);
        const form = new Map(bundleMaterials(members).map((m) => [m.code, m]));
        for (const { matter, stage } of members) {
          for (const m of matter.materials) {
            const onForm = form.get(m.code);
            expect(onForm).toBeDefined();
            const producedEarlier = m.shareable && (m.providedByMatterCodes ?? []).some((c) => members.some((x) => x.matter.code === c && x.stage < stage));
            if (m.required && !producedEarlier) expect(onForm?.required).toBe(true);
          }
        }
      }),
    );
  });

  it('takes the longest path of the plan as its time limits: the slowest matter of each stage, stage after stage', () => {
    // Stage 1: business licence (1 / 15 days); stage 2: food 5 / 20, fire 7 / 10, health 5 / 20.
    expect(bundleLimits(membersOf('YJS-WH-CANYIN'))).toEqual({ promisedLimitDays: 1 + 7, legalLimitDays: 15 + 20 });
    // Stage 1 in parallel: land 15 / 20 and environment 30 / 60; stage 2: project approval 15 / 20.
    expect(bundleLimits(membersOf('YJS-HB-TOUZIXIANGMU'))).toEqual({ promisedLimitDays: 30 + 15, legalLimitDays: 60 + 20 });
  });
});
