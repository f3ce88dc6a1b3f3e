// openapi-typescript types every schema as a member of `interface components { schemas: { … } }` and
// every reference as `components["schemas"]["X"]`. tsc resolves such a member's type eagerly, except
// inside an object type, so a schema that reaches itself through a union, an array or a generic
// (a recursive JSON value: `string | JsonValue[] | …`) fails with TS2502. Here those schemas become
// type aliases, which tsc resolves lazily inside arrays and object types; a cycle with no content even
// then (`A = B`, `B = A | string`) has its self-reference typed `unknown`, the only finite answer.
import ts from "typescript";
import { pascalCase } from "../naming.js";

type Graph = Map<string, Set<string>>;

export function aliasRecursiveSchemas(nodes: readonly ts.Node[]): ts.Node[] {
  const componentsIndex = nodes.findIndex((node) => ts.isInterfaceDeclaration(node) && node.name.text === "components");
  const components = nodes[componentsIndex] as ts.InterfaceDeclaration | undefined;
  const schemasMember = components?.members.find(
    (member): member is ts.PropertySignature & { type: ts.TypeLiteralNode } =>
      ts.isPropertySignature(member) &&
      memberName(member.name) === "schemas" &&
      member.type !== undefined &&
      ts.isTypeLiteralNode(member.type),
  );
  if (!components || !schemasMember) return [...nodes];

  const schemaTypes = new Map<string, ts.TypeNode>();
  for (const member of schemasMember.type.members) {
    if (!ts.isPropertySignature(member) || !member.type) continue;
    const name = memberName(member.name);
    if (name !== undefined) schemaTypes.set(name, member.type);
  }
  const recursive = nodesOnCycles(referenceGraph(schemaTypes, isDeferredInInterface));
  if (recursive.size === 0) return [...nodes];

  const aliasNames = nameAliases([...recursive], new Set(nodes.flatMap(declaredName)));
  const lazy = new Map([...schemaTypes].filter(([name]) => recursive.has(name)));
  const componentOf = strongComponents(referenceGraph(lazy, isDeferredInAlias));
  const aliases = [...recursive].map((name) =>
    ts.factory.createTypeAliasDeclaration(
      undefined,
      aliasNames.get(name)!,
      undefined,
      rewriteReferences(schemaTypes.get(name)!, (target, deferred) => {
        if (!recursive.has(target)) return undefined;
        const sameCycle = componentOf.get(target) !== undefined && componentOf.get(target) === componentOf.get(name);
        return !deferred && sameCycle
          ? ts.factory.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword)
          : ts.factory.createTypeReferenceNode(aliasNames.get(target)!);
      }),
    ),
  );
  const members = schemasMember.type.members.map((member) => {
    const name = ts.isPropertySignature(member) ? memberName(member.name) : undefined;
    if (name === undefined || !recursive.has(name)) return member;
    const property = member as ts.PropertySignature;
    return ts.factory.updatePropertySignature(
      property,
      property.modifiers,
      property.name,
      property.questionToken,
      ts.factory.createTypeReferenceNode(aliasNames.get(name)!),
    );
  });
  const updatedSchemas = ts.factory.updatePropertySignature(
    schemasMember,
    schemasMember.modifiers,
    schemasMember.name,
    schemasMember.questionToken,
    ts.factory.updateTypeLiteralNode(schemasMember.type, ts.factory.createNodeArray(members)),
  );
  const updatedComponents = ts.factory.updateInterfaceDeclaration(
    components,
    components.modifiers,
    components.name,
    components.typeParameters,
    components.heritageClauses,
    components.members.map((member) => (member === schemasMember ? updatedSchemas : member)),
  );
  return [...nodes.slice(0, componentsIndex), updatedComponents, ...aliases, ...nodes.slice(componentsIndex + 1)];
}

function memberName(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ? name.text : undefined;
}

function declaredName(node: ts.Node): string[] {
  return ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) ? [node.name.text] : [];
}

/** The schema `components["schemas"]["X"]` names, if `node` is such a reference. */
function schemaReference(node: ts.Node): string | undefined {
  if (!ts.isIndexedAccessTypeNode(node) || !ts.isIndexedAccessTypeNode(node.objectType)) return undefined;
  const { objectType, indexType } = node.objectType;
  const isComponents =
    ts.isTypeReferenceNode(objectType) &&
    ts.isIdentifier(objectType.typeName) &&
    objectType.typeName.text === "components";
  if (!isComponents || literalText(indexType) !== "schemas") return undefined;
  return literalText(node.indexType);
}

function literalText(node: ts.TypeNode): string | undefined {
  return ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal) ? node.literal.text : undefined;
}

/** Inside an interface member, tsc defers only what sits in an object type (or a function type). */
function isDeferredInInterface(node: ts.Node): boolean {
  return ts.isTypeLiteralNode(node) || ts.isFunctionTypeNode(node) || ts.isMappedTypeNode(node);
}

/** Inside a type alias, tsc also defers array and tuple elements (TypeScript 3.7's recursive aliases). */
function isDeferredInAlias(node: ts.Node): boolean {
  return (
    isDeferredInInterface(node) ||
    ts.isArrayTypeNode(node) ||
    ts.isTupleTypeNode(node) ||
    (ts.isTypeReferenceNode(node) &&
      ts.isIdentifier(node.typeName) &&
      (node.typeName.text === "Array" || node.typeName.text === "ReadonlyArray"))
  );
}

/** Schema → the schemas its type refers to where tsc resolves eagerly. */
function referenceGraph(types: ReadonlyMap<string, ts.TypeNode>, isDeferred: (node: ts.Node) => boolean): Graph {
  const graph: Graph = new Map();
  for (const [name, type] of types) {
    const targets = new Set<string>();
    const visit = (node: ts.Node): void => {
      if (isDeferred(node)) return;
      const target = schemaReference(node);
      if (target !== undefined) {
        if (types.has(target)) targets.add(target);
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(type);
    graph.set(name, targets);
  }
  return graph;
}

/** Tarjan's strongly connected components: node → component id, for nodes on a cycle only. */
function strongComponents(graph: Graph): Map<string, number> {
  const indexOf = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const componentOf = new Map<string, number>();
  let counter = 0;
  let components = 0;
  const connect = (node: string): void => {
    indexOf.set(node, counter);
    lowLink.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indexOf.has(next)) {
        connect(next);
        lowLink.set(node, Math.min(lowLink.get(node)!, lowLink.get(next)!));
      } else if (onStack.has(next)) lowLink.set(node, Math.min(lowLink.get(node)!, indexOf.get(next)!));
    }
    if (lowLink.get(node) !== indexOf.get(node)) return;
    const members: string[] = [];
    for (let member = stack.pop()!; ; member = stack.pop()!) {
      onStack.delete(member);
      members.push(member);
      if (member === node) break;
    }
    if (members.length > 1 || graph.get(node)?.has(node)) {
      for (const member of members) componentOf.set(member, components);
      components++;
    }
  };
  for (const node of graph.keys()) if (!indexOf.has(node)) connect(node);
  return componentOf;
}

function nodesOnCycles(graph: Graph): Set<string> {
  return new Set(strongComponents(graph).keys());
}

/** `JsonValue` → `SchemaJsonValue`, made unique among the module's names. */
function nameAliases(schemas: readonly string[], taken: Set<string>): Map<string, string> {
  const names = new Map<string, string>();
  for (const schema of [...schemas].sort()) {
    const base = `Schema${pascalCase(schema).replace(/^_/, "")}`;
    let name = base;
    for (let suffix = 2; taken.has(name); suffix++) name = `${base}${suffix}`;
    taken.add(name);
    names.set(schema, name);
  }
  return names;
}

/** A copy of `type` with each schema reference replaced where `replace` returns a node. */
function rewriteReferences(
  type: ts.TypeNode,
  replace: (target: string, deferred: boolean) => ts.TypeNode | undefined,
): ts.TypeNode {
  const [result] = ts.transform(type, [
    (context) => (root) => {
      const visit =
        (deferred: boolean) =>
        (node: ts.Node): ts.Node => {
          const target = schemaReference(node);
          if (target !== undefined) return replace(target, deferred) ?? node;
          return ts.visitEachChild(node, visit(deferred || isDeferredInAlias(node)), context);
        };
      return visit(false)(root) as ts.TypeNode;
    },
  ]).transformed;
  return result!;
}
