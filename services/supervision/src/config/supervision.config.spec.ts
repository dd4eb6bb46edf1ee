import { ConfigError } from '@onewindow/platform';
import { loadSupervisionConfig } from './supervision.config';

describe('supervision configuration', () => {
  const secret = { EVALUATION_SECRET: 'x'.repeat(32) };

  it('refuses to start without an evaluation secret, naming it', () => {
    expect(() => loadSupervisionConfig({})).toThrow(ConfigError);
    expect(() => loadSupervisionConfig({})).toThrow(/EVALUATION_SECRET/);
    expect(() => loadSupervisionConfig({ EVALUATION_SECRET: 'short' })).toThrow(/EVALUATION_SECRET/);
  });

  it('has the documented defaults, with the ranking weights normalised', () => {
    const c = loadSupervisionConfig(secret);
    expect(c).toMatchObject({ HTTP_PORT: 3006, PUBLIC_BASE_URL: 'http://127.0.0.1:3006', RECTIFICATION_WORKING_DAYS: 15 });
    expect(c.RANKING_WEIGHTS).toEqual({ timeliness: 0.4, oneVisit: 0.2, online: 0.2, evaluation: 0.2 });
    expect(loadSupervisionConfig({ ...secret, RANKING_WEIGHTS: 'timeliness=2,oneVisit=1,online=1,evaluation=0' }).RANKING_WEIGHTS).toEqual({
      timeliness: 0.5,
      oneVisit: 0.25,
      online: 0.25,
      evaluation: 0,
    });
  });

  it('refuses weights that miss a component, name an unknown one or are all zero', () => {
    expect(() => loadSupervisionConfig({ ...secret, RANKING_WEIGHTS: 'timeliness=1' })).toThrow(/oneVisit, online, evaluation/);
    expect(() => loadSupervisionConfig({ ...secret, RANKING_WEIGHTS: 'speed=1,timeliness=1,oneVisit=1,online=1,evaluation=1' })).toThrow(/speed=1/);
    expect(() => loadSupervisionConfig({ ...secret, RANKING_WEIGHTS: 'timeliness=0,oneVisit=0,online=0,evaluation=0' })).toThrow(/all be zero/);
  });
});
