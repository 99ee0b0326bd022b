/** Types for the Khronos validator's npm build (`gltf-validator`, which ships none): the part used here. */
declare module "gltf-validator" {
  export type ValidationOptions = {
    uri?: string;
    format?: "glb" | "gltf";
    maxIssues?: number;
    ignoredIssues?: string[];
    onlyIssues?: string[];
    severityOverrides?: Record<string, 0 | 1 | 2 | 3>;
    writeTimestamp?: boolean;
    externalResourceFunction?: (uri: string) => Promise<Uint8Array>;
  };
  export type ValidationMessage = {
    code: string;
    message: string;
    severity: 0 | 1 | 2 | 3;
    pointer?: string;
    offset?: number;
  };
  export type ValidationReport = {
    uri: string;
    mimeType?: string;
    validatorVersion: string;
    issues: {
      numErrors: number;
      numWarnings: number;
      numInfos: number;
      numHints: number;
      messages: ValidationMessage[];
      truncated: boolean;
    };
    info?: Record<string, unknown>;
  };
  const validator: {
    version(): string;
    supportedExtensions(): string[];
    validateBytes(data: Uint8Array, options?: ValidationOptions): Promise<ValidationReport>;
    validateString(json: string, options?: ValidationOptions): Promise<ValidationReport>;
  };
  export default validator;
  // The ES module build (`module.mjs`, which bundlers pick) has the same API as named exports.
  export const version: (typeof validator)["version"];
  export const supportedExtensions: (typeof validator)["supportedExtensions"];
  export const validateBytes: (typeof validator)["validateBytes"];
  export const validateString: (typeof validator)["validateString"];
}
