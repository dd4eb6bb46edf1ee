import { assertEventData, checkEvent, EVENT_CATALOG, EventTypes, EventValidationError, TOPIC_SPECS, topicOf, Topics } from '@onewindow/contracts';

describe('event contracts', () => {
  const accepted = {
    caseId: '01JDZ3Q4X6S8K7Y2V9T5R3M1N0',
    caseNo: '420102-20261127-000001',
    matterCode: '11420000MB0000001X-001',
    matterVersion: 1,
    matterName: '食品经营许可',
    regionCode: '420102',
    channel: 'WINDOW',
    applicant: { kind: 'NATURAL_PERSON', name: '张三', idNumber: '11010519491231002X', contact: { email: 'a@example.org' } },
    acceptedAt: '2026-11-27T08:00:00.000Z',
    departmentCode: 'HB-SCJGJ',
    materials: [{ code: 'M1', name: '申请书', provided: true }],
    legalLimitDays: 20,
    promisedLimitDays: 10,
    promisedDate: '2026-12-11',
  };

  it('accepts a well-formed case.accepted and rejects one with a bad region code, naming the field', () => {
    expect(checkEvent(EventTypes.CaseAccepted, accepted)).toEqual([]);
    const problems = checkEvent(EventTypes.CaseAccepted, { ...accepted, regionCode: '42' });
    expect(problems.join()).toContain('/regionCode');
  });

  it('refuses unknown event types and data of the wrong type when publishing', () => {
    expect(checkEvent('case.teleported', {})).toEqual(['unknown event type "case.teleported"']);
    expect(() => assertEventData(EventTypes.CaseAccepted, { ...accepted, legalLimitDays: 'ten' })).toThrow(EventValidationError);
  });

  it('routes every event type to a declared topic that is created at start-up', () => {
    const declared = new Set(TOPIC_SPECS.map((t) => t.name));
    for (const type of Object.keys(EVENT_CATALOG) as Array<keyof typeof EVENT_CATALOG>) {
      expect(declared.has(topicOf(type))).toBe(true);
    }
    expect(topicOf(EventTypes.MatterPublished)).toBe(Topics.IntakeCatalogEvents);
    expect(TOPIC_SPECS.find((t) => t.name === Topics.IntakeCatalogEvents)?.compacted).toBe(true);
  });
});
