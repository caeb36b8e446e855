import { describe, expect, it } from "vitest";
import type { CatalogModel } from "./catalog";
import { formatContextWindow, groupModels, searchModels } from "./model-search";

function model(id: string, name: string, family: string, author = family.toLowerCase()): CatalogModel {
  return {
    id,
    name,
    family,
    author,
    contextWindow: 128_000,
    functionCalling: true,
    reasoning: false,
    reasoningEffort: false,
    vision: false,
    paidOnly: false,
  };
}

const models = [
  model("@cf/meta/llama-3.3-70b", "Llama 3.3 70B", "Meta Llama", "meta"),
  model("@cf/meta/llama-4-scout", "Llama 4 Scout 17B", "Meta Llama", "meta"),
  model("@cf/openai/gpt-oss-20b", "gpt-oss 20B", "OpenAI", "openai"),
  model("@cf/qwen/qwen3-30b", "Qwen3 30B A3B", "Qwen", "qwen"),
];

describe("searchModels", () => {
  it("matches every word anywhere, case-insensitively", () => {
    expect(searchModels(models, "LLAMA 70").map((m) => m.name)).toEqual(["Llama 3.3 70B"]);
    expect(searchModels(models, "scout llama").map((m) => m.name)).toEqual(["Llama 4 Scout 17B"]);
  });

  it("matches at the start of words, so 20b is not 120b", () => {
    const sized = [...models, model("@cf/openai/gpt-oss-120b", "gpt-oss 120B", "OpenAI", "openai")];
    expect(searchModels(sized, "20b").map((m) => m.name)).toEqual(["gpt-oss 20B"]);
    expect(searchModels(sized, "oss").map((m) => m.name)).toEqual(["gpt-oss 20B", "gpt-oss 120B"]);
    expect(searchModels(sized, "3.3").map((m) => m.name)).toEqual(["Llama 3.3 70B"]);
  });

  it("matches the id, family and author too", () => {
    expect(searchModels(models, "openai").map((m) => m.name)).toEqual(["gpt-oss 20B"]);
    expect(searchModels(models, "@cf/qwen").map((m) => m.name)).toEqual(["Qwen3 30B A3B"]);
  });

  it("returns everything for an empty query and nothing for no match", () => {
    expect(searchModels(models, "  ")).toHaveLength(4);
    expect(searchModels(models, "mistral")).toEqual([]);
  });
});

describe("groupModels", () => {
  it("groups by family, families and names in alphabetical order", () => {
    expect(groupModels(models, []).map((group) => [group.label, group.models.map((m) => m.name)])).toEqual([
      ["Meta Llama", ["Llama 3.3 70B", "Llama 4 Scout 17B"]],
      ["OpenAI", ["gpt-oss 20B"]],
      ["Qwen", ["Qwen3 30B A3B"]],
    ]);
  });

  it("pins favorites on top in pinned order and lists each model once", () => {
    const groups = groupModels(models, ["@cf/qwen/qwen3-30b", "@cf/meta/llama-4-scout", "@cf/gone/model"]);
    expect(groups[0]).toMatchObject({ label: "Favorites" });
    expect(groups[0]?.models.map((m) => m.name)).toEqual(["Qwen3 30B A3B", "Llama 4 Scout 17B"]);
    expect(groups.map((group) => group.label)).toEqual(["Favorites", "Meta Llama", "OpenAI"]);
    expect(groups.flatMap((group) => group.models)).toHaveLength(4);
  });
});

describe("formatContextWindow", () => {
  it("says thousands as K and millions as M", () => {
    expect(formatContextWindow(24_000)).toBe("24K");
    expect(formatContextWindow(131_072)).toBe("131K");
    expect(formatContextWindow(1_048_576)).toBe("1M");
  });
});
