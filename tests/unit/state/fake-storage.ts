import type { StorageLike } from '@lib/state/store';

/** In-memory Storage with switchable failures: quota, or a throwing getItem/setItem. */
export class FakeStorage implements StorageLike {
  data = new Map<string, string>();
  /** Total characters allowed across all keys (like a browser's quota); Infinity = unlimited. */
  quota = Infinity;
  failGet = false;
  failSet = false;

  getItem(k: string) {
    if (this.failGet) throw new DOMException('The operation is insecure.', 'SecurityError');
    return this.data.has(k) ? this.data.get(k)! : null;
  }
  setItem(k: string, v: string) {
    if (this.failSet) throw new DOMException('The operation is insecure.', 'SecurityError');
    let used = 0;
    for (const [key, val] of this.data) if (key !== k) used += key.length + val.length;
    if (used + k.length + v.length > this.quota) throw new DOMException('Quota exceeded', 'QuotaExceededError');
    this.data.set(k, String(v));
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
}
