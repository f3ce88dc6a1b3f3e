// The type-level check of the generated client.test-d.ts: `assertType<TypeEquals<A, B>>(true)` compiles only when
// A and B are the same type. It compares by identity, which tsc decides without expanding either type, where
// expectTypeOf's toEqualTypeOf walks both structures deeply: on GitHub's package that tripled tsc's time.
// Identity is stricter on spelling (`{ a: 1 } & { b: 2 }` is not `{ a: 1; b: 2 }`); the emitted checks compare a
// generated alias with the schema type it names, which are identical when the client is right.

export type TypeEquals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
