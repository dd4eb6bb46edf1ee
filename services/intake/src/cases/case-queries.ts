import { Injectable } from '@nestjs/common';
import { maskIdNumber as maskId } from '@onewindow/domain';
import { AuditTrail, currentPrincipal, ProblemException, regionPrefix, seesFullPersonalData } from '@onewindow/platform';
import { assertCaseAccess } from './case-access';
import { DataSource } from 'typeorm';
import type { CasePage, CaseView, SearchCasesQuery, TimelineEntryView } from './cases.dto';
import type { SupplementNotice } from './domain/supplement-notice';
import { CaseEntity, TimelineEntryEntity } from './infrastructure/case.entities';
import { personalDataCipher } from './infrastructure/personal-data';

function view(c: CaseEntity): Omit<CaseView, 'timeline'> {
  // Clerks check identity at the window and see full id numbers; everyone else sees them masked.
  const maskIdNumber = seesFullPersonalData(currentPrincipal()) ? (v: string) => v : maskId;
  return {
    id: c.id,
    caseNo: c.caseNo,
    status: c.status,
    matter: { code: c.matterCode, version: c.matterVersion, name: c.matterName, departmentCode: c.departmentCode },
    ...(c.bundle ? { bundle: c.bundle } : {}),
    regionCode: c.regionCode,
    channel: c.channel,
    applicant: { kind: c.applicant.kind, name: c.applicant.name, idNumber: maskIdNumber(c.applicant.idNumber) },
    ...(c.agent ? { agent: { name: c.agent.name, idNumber: maskIdNumber(c.agent.idNumber), authorisationRef: c.agent.authorisationRef } } : {}),
    ...(c.clerkId ? { clerkId: c.clerkId } : {}),
    materials: c.materials.map((x) => ({
      code: x.code,
      name: x.name,
      provided: x.provided,
      ...(x.required !== undefined ? { required: x.required } : {}),
      ...(x.reusedFromDocumentNo ? { reusedFromDocumentNo: x.reusedFromDocumentNo } : {}),
    })),
    receivedAt: c.receivedAt.toISOString(),
    ...(c.acceptedAt ? { acceptedAt: c.acceptedAt.toISOString() } : {}),
    ...(c.promisedDate ? { promisedDate: c.promisedDate } : {}),
    legalLimitDays: c.legalLimitDays,
    promisedLimitDays: c.promisedLimitDays,
    ...(c.closure ? { closure: c.closure } : {}),
    hasSupplementNotice: c.supplementNotice !== null,
  };
}

/** Reads for clerks: one case with its timeline, its one-time notice, and search with keyset pagination. */
@Injectable()
export class CaseQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async get(id: string): Promise<CaseView> {
    const c = assertCaseAccess(await this.dataSource.getRepository(CaseEntity).findOneBy({ id }), id);
    await this.audit.record({ action: 'case.read', subjectType: 'case', subjectId: c.id });
    const entries = await this.dataSource
      .getRepository(TimelineEntryEntity)
      .find({ where: { caseId: id }, order: { occurredAt: 'ASC', position: 'ASC' } });
    const timeline: TimelineEntryView[] = entries.map((e) => ({
      type: e.eventType,
      source: e.source,
      eventId: e.eventId,
      occurredAt: e.occurredAt.toISOString(),
      details: e.details,
    }));
    return { ...view(c), timeline };
  }

  /** 一次性告知书 of a case; it stays readable after the supplement, as the record of what was asked. */
  async supplementNotice(id: string): Promise<SupplementNotice> {
    const c = assertCaseAccess(await this.dataSource.getRepository(CaseEntity).findOneBy({ id }), id);
    await this.audit.record({ action: 'case.supplement-notice.read', subjectType: 'case', subjectId: c.id });
    if (!c.supplementNotice) throw ProblemException.notFound('supplement-notice', c.caseNo);
    return c.supplementNotice;
  }

  async search(q: SearchCasesQuery): Promise<CasePage> {
    const limit = q.limit ?? 50;
    const qb = this.dataSource.getRepository(CaseEntity).createQueryBuilder('c').orderBy('c.id', 'DESC').limit(limit + 1);
    if (q.caseNo) qb.andWhere('c.case_no = :caseNo', { caseNo: q.caseNo });
    if (q.status) qb.andWhere('c.status = :status', { status: q.status });
    if (q.matterCode) qb.andWhere('c.matter_code = :matter', { matter: q.matterCode });
    if (q.regionCode) qb.andWhere('c.region_code = :region', { region: q.regionCode });
    if (q.applicantIdNumber) qb.andWhere('c.applicant_key = :key', { key: personalDataCipher().blindIndex(q.applicantIdNumber) });
    // Days are China days: a case received at 07:00 Beijing time belongs to that day, not the UTC one.
    if (q.receivedFrom) qb.andWhere(`c.received_at >= CAST(:from AS date)::timestamp AT TIME ZONE 'Asia/Shanghai'`, { from: q.receivedFrom });
    if (q.receivedTo) qb.andWhere(`c.received_at < (CAST(:to AS date) + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`, { to: q.receivedTo });
    const p = currentPrincipal();
    // A clerk's search never leaves their own service centre and region (an integrator reads all).
    if (p?.roles.includes('clerk') && p.regionCode && !(p.roles.includes('integrator') && p.scopes.includes('cases:read'))) {
      qb.andWhere('c.service_centre = :centre AND c.region_code LIKE :prefix', { centre: p.serviceCentre, prefix: `${regionPrefix(p.regionCode)}%` });
    }
    if (q.cursor) qb.andWhere('c.id < :cursor', { cursor: q.cursor });
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    // A search reveals every case it returns: the trail names them and the filters used (not their values).
    await this.audit.record({
      action: 'case.search',
      subjectType: 'case',
      subjectId: '*',
      details: { filters: Object.keys(q).sort(), caseIds: page.map((c) => c.id) },
    });
    return { items: page.map(view), ...(rows.length > limit ? { nextCursor: page[page.length - 1].id } : {}) };
  }
}
