import { classifyGatewayAnswer } from './sms-gateway';

describe('classifying SMS gateway answers', () => {
  it('accepts only a 2xx with code OK', () => {
    expect(classifyGatewayAnswer(200, 'OK')).toBe('ok');
    expect(classifyGatewayAnswer(200, undefined)).toBe('transient');
  });

  it('retries throttling, server errors and codes it does not know', () => {
    expect(classifyGatewayAnswer(429, undefined)).toBe('transient');
    expect(classifyGatewayAnswer(503, 'ERROR')).toBe('transient');
    expect(classifyGatewayAnswer(200, 'SYSTEM_BUSY')).toBe('transient');
  });

  it('gives up at once on a bad number, a blacklist or a refused request', () => {
    expect(classifyGatewayAnswer(200, 'INVALID_PHONE')).toBe('permanent');
    expect(classifyGatewayAnswer(200, 'blacklisted')).toBe('permanent');
    expect(classifyGatewayAnswer(400, 'SOMETHING')).toBe('permanent');
    expect(classifyGatewayAnswer(403, undefined)).toBe('permanent');
  });
});
