// The Worker OpenNext generates at build time (aliased in wrangler.jsonc).
declare module "open-next-worker" {
  const worker: { fetch: NonNullable<ExportedHandler<CloudflareEnv>["fetch"]> };
  export default worker;
}
