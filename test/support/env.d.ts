import type { TestDurableObject } from './worker';

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_DO: DurableObjectNamespace<TestDurableObject>;
      BUCKET: R2Bucket;
    }
  }
}
export {};
