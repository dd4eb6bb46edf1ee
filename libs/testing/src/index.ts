export * from './infrastructure';
export * from './kafka-probe';
export * from './metrics-scrape';
export * from './service-process';
export * from './smtp-sink';
export * from './sms-gateway-sink';
export * from './test-environment';
export * from './webhook-sink';
