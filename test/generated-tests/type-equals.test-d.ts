// The identity check the generated type tests rely on tells apart exactly what they must.
import { assertType, describe, it } from "vitest";
import type { TypeEquals } from "../../runtime/src/testing/type-equals.js";

describe("TypeEquals", () => {
  it("tells required options from optional ones", () => {
    assertType<TypeEquals<[id: string, options: object], [id: string, options?: object]>>(false);
    assertType<TypeEquals<[id: string, options?: object], [key: string, options?: object]>>(true);
  });

  it("tells apart any, unknown, never and an optional property's undefined", () => {
    assertType<TypeEquals<any, unknown>>(false);
    assertType<TypeEquals<never, unknown>>(false);
    assertType<TypeEquals<string | undefined, string>>(false);
    assertType<TypeEquals<{ a?: string }["a"], string | undefined>>(true);
  });
});
