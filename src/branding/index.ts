import type { OperationDefinition } from "../protocol/operation.js";
import { getLogDeliveryConfiguration } from "./logDelivery/getLogDeliveryConfiguration.js";
import { setLogDeliveryConfiguration } from "./logDelivery/setLogDeliveryConfiguration.js";
import { createManagedLoginBranding } from "./managedLogin/createManagedLoginBranding.js";
import { deleteManagedLoginBranding } from "./managedLogin/deleteManagedLoginBranding.js";
import { describeManagedLoginBranding } from "./managedLogin/describeManagedLoginBranding.js";
import { describeManagedLoginBrandingByClient } from "./managedLogin/describeManagedLoginBrandingByClient.js";
import { updateManagedLoginBranding } from "./managedLogin/updateManagedLoginBranding.js";
import { describeRiskConfiguration } from "./risk/describeRiskConfiguration.js";
import { setRiskConfiguration } from "./risk/setRiskConfiguration.js";
import { createTerms } from "./terms/createTerms.js";
import { deleteTerms } from "./terms/deleteTerms.js";
import { describeTerms } from "./terms/describeTerms.js";
import { describeTermsByClient } from "./terms/describeTermsByClient.js";
import { listTerms } from "./terms/listTerms.js";
import { updateTerms } from "./terms/updateTerms.js";
import { getUICustomization } from "./uiCustomization/getUICustomization.js";
import { setUICustomization } from "./uiCustomization/setUICustomization.js";

/** Operations of this family: one file each. */
export const brandingOperations: OperationDefinition<never, unknown>[] = [
  setUICustomization,
  getUICustomization,
  createManagedLoginBranding,
  describeManagedLoginBranding,
  describeManagedLoginBrandingByClient,
  updateManagedLoginBranding,
  deleteManagedLoginBranding,
  createTerms,
  describeTerms,
  describeTermsByClient,
  updateTerms,
  deleteTerms,
  listTerms,
  setLogDeliveryConfiguration,
  getLogDeliveryConfiguration,
  setRiskConfiguration,
  describeRiskConfiguration,
] as OperationDefinition<never, unknown>[];
