import type { TermsDescriptionType, TermsType } from "@aws-sdk/client-cognito-identity-provider";
import { errors } from "../../protocol/errors.js";
import type { OperationContext } from "../../protocol/operation.js";
import { toEpochSeconds } from "../../common/time.js";
import type { Wire } from "../../common/wire.js";
import { ResourceKind } from "../../storage/kinds.js";
import type { ResourceRecord } from "../../storage/types.js";
import { listAll } from "../lookup.js";

/** What ResourceKind.terms stores: TermsType without its dates. */
export type TermsData = Omit<TermsType, "CreationDate" | "LastModifiedDate">;
export type TermsRecord = ResourceRecord<TermsData>;

export function toTermsType(record: TermsRecord): Wire<TermsType> {
  return {
    ...record.data,
    Links: record.data.Links ?? {},
    CreationDate: toEpochSeconds(record.createdAt),
    LastModifiedDate: toEpochSeconds(record.updatedAt),
  };
}

export function toTermsDescription(record: TermsRecord): Wire<TermsDescriptionType> {
  return {
    TermsId: record.data.TermsId,
    TermsName: record.data.TermsName,
    Enforcement: record.data.Enforcement,
    CreationDate: toEpochSeconds(record.createdAt),
    LastModifiedDate: toEpochSeconds(record.updatedAt),
  };
}

export async function requireTerms(ctx: OperationContext, poolId: string, termsId: string): Promise<TermsRecord> {
  const record = await ctx.store.resources.get<TermsData>(ResourceKind.terms, poolId, termsId);
  if (!record) throw errors.resourceNotFound(`Terms ${termsId} does not exist.`);
  return record;
}

/** A terms name is unique per app client (one terms-of-use and one privacy-policy each). */
export async function checkNameFree(
  ctx: OperationContext,
  poolId: string,
  clientId: string,
  name: string,
  exceptId?: string,
): Promise<void> {
  const all = await listAll<TermsData>(ctx, ResourceKind.terms, poolId);
  if (all.some((t) => t.data.ClientId === clientId && t.data.TermsName === name && t.data.TermsId !== exceptId)) {
    throw errors.termsExists(`Terms ${name} already exist for app client ${clientId}.`);
  }
}
