import { HttpError } from "@/lib/http/http-error";
import { type CatalogModel, findModel, type ModelCatalog } from "./catalog";

/** The catalog model with this id, or a 400 that says where the valid ids are. */
export function requireModel(catalog: ModelCatalog, id: string): CatalogModel {
  const model = findModel(catalog, id);
  if (!model) {
    throw new HttpError(400, "unknown_model", `Unknown model "${id}". GET /api/models lists the models you can use.`);
  }
  return model;
}
