/**
 * The browser host's download address for what a `delivers` method names, apart from common/contract.ts so that
 * the renderer can build it without bundling the contract's schemas (zod and every method's schema, about 460 kB
 * of the renderer's bundle, evaluated at every open; scripts/build.mjs refuses a renderer bundle that carries zod).
 */
import type { ArgsIn, DeliveryMethod } from './contract.js';

/**
 * The browser host's address for downloading what a `delivers` method names: `/api/<method>?args=<JSON>`, fetched
 * with GET (a link the page offers; the token travels as the host's cookie, as for every call).
 */
export function deliveryUrl<M extends DeliveryMethod>(method: M, args: ArgsIn<M>): string {
  return `/api/${method}?args=${encodeURIComponent(JSON.stringify(args))}`;
}
