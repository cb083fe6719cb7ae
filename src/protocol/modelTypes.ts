/** Types of the generated tables in model.gen.ts (kept apart so the generated file stays data). */
export type Shape =
  | {
      type: "string";
      min?: number;
      max?: number;
      pattern?: string;
      enum?: readonly string[];
      sensitive?: boolean;
    }
  | { type: "integer"; min?: number; max?: number }
  | { type: "boolean" }
  | { type: "timestamp" }
  | { type: "blob"; min?: number; max?: number; sensitive?: boolean }
  | { type: "document" }
  /** A member of an SDK-only operation whose shape the model does not describe. */
  | { type: "any" }
  | { type: "list"; member: string; min?: number; max?: number; sensitive?: boolean }
  | { type: "map"; key: string; value: string; min?: number; max?: number; sensitive?: boolean }
  | {
      type: "structure";
      members: Record<string, string>;
      required?: readonly string[];
      sensitive?: boolean;
    };

export type ShapeTable = Record<string, Shape>;

export interface OperationInfo {
  /** Name of the input structure in the shape table. */
  input: string;
  /** Exception names the model lists for the operation. */
  errors: readonly string[];
  /** True for operations known from the current AWS SDK but absent from the model. */
  fromSdk?: true;
}

export type OperationTable<Name extends string> = Record<Name, OperationInfo>;
