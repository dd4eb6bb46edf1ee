export default async function globalTeardown(): Promise<void> {
  await globalThis.__ONEWINDOW_INFRA_STOP__?.();
}
