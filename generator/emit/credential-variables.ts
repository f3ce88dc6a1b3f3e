// The environment variables a provider's credentials are read from, by convention: `<PROVIDER>_API_KEY`,
// `<PROVIDER>_TOKEN`, `<PROVIDER>_USER` and `<PROVIDER>_PASSWORD`. One place, because the generated README shows
// them and the `unitask task` commands read them: the two must never disagree.
import type { ProviderModel } from "../model.js";

export interface CredentialVariable {
  /** The client option it fills, e.g. `token`, `apiKey`. */
  option: string;
  /** e.g. `DECK_TOKEN`. */
  variable: string;
  /** Whether the client requires the option (the spec's only security scheme, required everywhere). */
  required: boolean;
}

/** The credential options of a provider's client, each with its environment variable, in option order. */
export function credentialVariables(model: ProviderModel): CredentialVariable[] {
  const prefix = model.name.toUpperCase().replace(/[^A-Z\d]/g, "_");
  const required = model.authRequired && model.auth.length === 1;
  return model.auth.flatMap((auth): CredentialVariable[] => {
    switch (auth.kind) {
      case "apiKey":
        return [{ option: auth.option, variable: `${prefix}_API_KEY`, required }];
      case "bearer":
        return [{ option: "token", variable: `${prefix}_TOKEN`, required }];
      case "basic":
        return [
          { option: "username", variable: `${prefix}_USER`, required },
          { option: "password", variable: `${prefix}_PASSWORD`, required },
        ];
    }
  });
}
