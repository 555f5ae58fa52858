/**
 * Named aliases for the Ongoing REST models the app uses. The types themselves are generated from
 * specs/ongoing-rest-openapi.json into openapi-types.ts (`npm run gen:ongoing-types`); never edit that file.
 */
import type { components } from './openapi-types';

type Schemas = components['schemas'];

export type PostArticleModel = Schemas['PostArticleModel'];
export type PostArticleResponse = Schemas['PostArticleResponse'];
export type GetArticleModel = Schemas['GetArticleModel'];
export type PostOrderModel = Schemas['PostOrderModel'];
export type PostOrderLine = Schemas['PostOrderLine'];
export type PostOrderResponse = Schemas['PostOrderResponse'];
export type GetOrderModel = Schemas['GetOrderModel'];
export type GetOrderLine = Schemas['GetOrderLine'];
export type PostPurchaseOrderModel = Schemas['PostPurchaseOrderModel'];
export type PostPurchaseOrderLine = Schemas['PostPurchaseOrderLine'];
export type PostPurchaseOrderResponse = Schemas['PostPurchaseOrderResponse'];
export type GetPurchaseOrderModel = Schemas['GetPurchaseOrderModel'];
export type GetPurchaseOrderLine = Schemas['GetPurchaseOrderLine'];
