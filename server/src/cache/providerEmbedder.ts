/**
 * Provider embeddings through the `openai` SDK's embeddings endpoint: OpenAI itself, Ollama,
 * or any OpenAI-compatible base URL. One attempt (maxRetries 0) with a timeout: an embedding
 * that is slow or failing makes the lookup a miss, it never delays the answer for long. Vectors
 * are asked for as plain floats: several compatible servers do not implement base64.
 */
import OpenAI from "openai";
import { normalize, offlineEmbedder, type Embedder } from "./embedder";
import type { EmbeddingsSettings } from "./settings";

export type KeyLookup = (provider: "openai" | "compatible") => Promise<string | null>;

export function providerEmbedder(settings: Extract<EmbeddingsSettings, { provider: "openai" | "compatible" }>, getKey: KeyLookup, dimensions = 0): Embedder {
  let client: OpenAI | undefined;
  let dims = dimensions;
  const clientFor = async (): Promise<OpenAI> => {
    if (client) return client;
    const apiKey = (await getKey(settings.provider)) ?? (settings.provider === "compatible" ? "not-needed" : null);
    if (apiKey === null) throw new Error(`no API key is set for ${settings.provider} embeddings`);
    client = new OpenAI({ apiKey, maxRetries: 0, timeout: settings.timeoutMs, ...(settings.baseUrl !== "" ? { baseURL: settings.baseUrl } : {}) });
    return client;
  };
  return {
    id: `${settings.provider}:${settings.model}@${settings.baseUrl || "default"}`,
    get dimensions() {
      return dims;
    },
    async embed(texts) {
      const res = await (await clientFor()).embeddings.create({ model: settings.model, input: [...texts], encoding_format: "float" });
      const out = [...res.data].sort((a, b) => a.index - b.index).map((d) => normalize(Float32Array.from(d.embedding)));
      if (out.length !== texts.length) throw new Error(`the embeddings endpoint returned ${out.length} vectors for ${texts.length} texts`);
      dims = out[0]?.length ?? dims;
      return out;
    },
  };
}

/** The embedder the settings ask for: the offline one unless a provider is configured. */
export function embedderFor(settings: EmbeddingsSettings, getKey: KeyLookup): Embedder {
  return settings.provider === "offline" ? offlineEmbedder() : providerEmbedder(settings, getKey);
}
