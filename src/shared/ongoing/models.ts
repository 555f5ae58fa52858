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
export type GetArticleInventoryInfo = Schemas['GetArticleModelInventoryInfo'];
export type GetOrderTracking = Schemas['GetOrderTracking'];
export type GetOrderStatusModel = Schemas['GetOrderStatusModel'];
export type GetOrderStatusesModel = Schemas['GetOrderStatusesModel'];
export type GetPurchaseOrderStatusModel = Schemas['GetPurchaseOrderStatusModel'];
export type GetPurchaseOrderStatusesModel = Schemas['GetPurchaseOrderStatusesModel'];
export type PatchOrderResponse = Schemas['PatchOrderResponse'];
export type PatchPurchaseOrderResponse = Schemas['PatchPurchaseOrderResponse'];
export type OrdersPatchDeliveryDateRequest = Schemas['OrdersPatchDeliveryDateRequest'];
export type PatchOrderRemark = Schemas['PatchOrderRemark'];
export type PatchOrderFreeText1Model = Schemas['PatchOrderFreeText1Model'];
export type PatchServicePointCode = Schemas['PatchServicePointCode'];

/** Names of the schemas in specs/ongoing-rest-openapi.json (for request-body validation). */
export type OngoingSchemaName = keyof Schemas;
