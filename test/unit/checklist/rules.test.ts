import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import type { RuleId } from "../../../server/src/checklist/types";
import { FIXTURES, lintText } from "./helpers";

const TUNE = path.join(FIXTURES, "tune");
const expected = JSON.parse(fs.readFileSync(path.join(TUNE, "expected.json"), "utf8")) as { files: Record<string, { rule: string; line: number }[]> };

/** Per rule: a file where it fires (positive), a clean file (negative) and a trap from the spec. */
const CASES: Record<RuleId, { pos: string; neg: string; trap: string; why: string }> = {
  "hardcoded-api-key": { pos: "py/env_default_key_bad.py", neg: "py/fastapi_clean.py", trap: "py/tests/test_prompts.py", why: "obvious test dummy in a test" },
  "missing-timeout": { pos: "ts/worker/index.ts", neg: "ts/worker2/index.ts", trap: "py/raw_httpx_tenacity_ok.py", why: "timeout set on the httpx client" },
  "missing-retry": { pos: "js/openai_v3_legacy.js", neg: "py/fastapi_classify_clean.py", trap: "ts/worker2/index.ts", why: "fetch wrapped in a retry helper" },
  "missing-max-tokens": { pos: "py/litellm_bad.py", neg: "py/litellm_router_clean.py", trap: "py/agent_loop_bad.py", why: "Anthropic calls need max_tokens anyway" },
  "unchecked-finish-reason": { pos: "py/responses_api_bad.py", neg: "py/cli_tool_ok.py", trap: "py/streaming_no_usage.py", why: "streaming calls are exempt" },
  "no-fallback-provider": { pos: "py/model_cascade_bad.py", neg: "py/lru_cache_temp0_ok.py", trap: "py/langchain_fallbacks_clean.py", why: "LangChain with_fallbacks" },
  "raw-prompt-logged": { pos: "js/express_chat_bad.js", neg: "js/express_clean.mjs", trap: "py/fastapi_clean.py", why: "a prompt hash and turn count are logged" },
  "prompt-injection-risk": { pos: "py/langchain_rag_bad.py", neg: "py/fastapi_classify_clean.py", trap: "py/faq_system_prompt_ok.py", why: "developer FAQ and schema hint in the system prompt" },
  "unbounded-history": { pos: "py/agent_loop_bad.py", neg: "js/express_clean.mjs", trap: "py/discord_bot_clean.py", why: "history[-N:] window" },
  "cors-wildcard": { pos: "ts/lib/cors_env.ts", neg: "js/express_clean.mjs", trap: "py/fastapi_clean.py", why: "wildcard headers/methods only" },
  "missing-rate-limit": { pos: "py/discord_bot_bad.py", neg: "py/flask_limited_ok.py", trap: "py/cli_tool_ok.py", why: "local CLI tool" },
  "cache-nondeterministic": { pos: "js/node_cache_bad.js", neg: "py/fastapi_clean.py", trap: "py/lru_cache_temp0_ok.py", why: "temperature 0 calls may be cached" },
  "missing-streaming": { pos: "ts/app/api/chat/route.ts", neg: "py/fastapi_clean.py", trap: "py/fastapi_classify_clean.py", why: "classification endpoints need not stream" },
  "pii-sent-unredacted": { pos: "ts/lib/support_pii.ts", neg: "py/fastapi_clean.py", trap: "ts/lib/support_redacted.ts", why: "redacted input and a display handle" },
  "missing-cost-tracking": { pos: "py/streaming_no_usage.py", neg: "js/express_clean.mjs", trap: "ts/app/api/assistant-stream.ts", why: "usage logged in onFinish" },
};

async function lintFixture(rel: string, rule: RuleId) {
  const file = path.join(TUNE, "files", rel);
  return lintText(file, fs.readFileSync(file, "utf8"), [rule]);
}

/** Generalisation cases written after the first tune set: each names the pattern it covers. */
const MORE: { rule: RuleId; file: string; fires: boolean; why: string }[] = [
  { rule: "missing-streaming", file: "py/anthropic_prefs_injection_bad.py", fires: false, why: "the SDK resource in client.messages.create is not a conversation" },
  { rule: "missing-streaming", file: "py/agent_instructions_injection_bad.py", fires: false, why: "an agent run endpoint is a task, not a chat" },
  { rule: "missing-streaming", file: "py/django_chat_view_bad.py", fires: true, why: "Django class-based chat view answering in one JSON response" },
  { rule: "missing-retry", file: "py/caller_retry_loop_clean.py", fires: false, why: "retry loop around the call site in the caller" },
  { rule: "missing-retry", file: "js/recursive_retry_fetch_clean.js", fires: false, why: "the request function re-calls itself with an attempt counter" },
  { rule: "missing-retry", file: "js/axios_retry_clean.js", fires: false, why: "axiosRetry applied to each instance in a loop" },
  { rule: "no-fallback-provider", file: "py/requests_session_retry_clean.py", fires: false, why: "a table of endpoints tried in order" },
  { rule: "no-fallback-provider", file: "js/ai_sdk_models_loop_clean.mjs", fires: false, why: "AI SDK models of two providers tried in order" },
  { rule: "no-fallback-provider", file: "py/caller_retry_loop_clean.py", fires: false, why: "the backup endpoint is called after the retry loop gives up" },
  { rule: "pii-sent-unredacted", file: "py/patient_summary_pii_bad.py", fires: true, why: "a record of PII fields serialised into the prompt" },
  { rule: "pii-sent-unredacted", file: "py/delivery_helper_pii_bad.py", fires: true, why: "a qualified address field (shipping_address)" },
  { rule: "prompt-injection-risk", file: "ts/app/api/coach/route.ts", fires: true, why: "system prompt built by a local helper from request data" },
  { rule: "prompt-injection-risk", file: "py/agent_instructions_injection_bad.py", fires: true, why: "FastAPI body model interpolated into instructions" },
  { rule: "prompt-injection-risk", file: "js/slack_injection_bad.js", fires: true, why: "text split from a slash command" },
  { rule: "unbounded-history", file: "ts/app/api/companion/route.ts", fires: true, why: "history loaded from a per-user KV store and appended" },
  { rule: "unbounded-history", file: "py/streamlit_chat_history_bad.py", fires: true, why: "st.session_state messages" },
  { rule: "unbounded-history", file: "py/telegram_bot_bad.py", fires: true, why: "context.user_data history" },
  { rule: "cache-nondeterministic", file: "ts/lib/faq_memo_cache_bad.ts", fires: true, why: "a Map read back before the model is called (memo)" },
  { rule: "cache-nondeterministic", file: "ts/lib/chat_service_history_bad.ts", fires: false, why: "a usage store is not a cache" },
  { rule: "missing-rate-limit", file: "py/telegram_bot_bad.py", fires: true, why: "a telegram handler registered with add_handler" },
  { rule: "missing-rate-limit", file: "js/fastify_chat_bad.js", fires: false, why: "@fastify/rate-limit registered on the app" },
  { rule: "missing-rate-limit", file: "py/django_chat_view_bad.py", fires: false, why: "ratelimit in a method_decorator on the view class" },
  { rule: "missing-timeout", file: "ts/lib/config_object_client_clean.ts", fires: false, why: "timeout in an options object passed to the constructor" },
  { rule: "missing-timeout", file: "py/litellm_router_agent_clean.py", fires: false, why: "LiteLLM Router deployments with timeouts" },
  { rule: "missing-cost-tracking", file: "ts/app/api/help/route.ts", fires: false, why: "AI SDK telemetry enabled" },
  { rule: "missing-cost-tracking", file: "py/langchain_stream_fastapi_clean.py", fires: false, why: "LangChain callbacks in the invoke config" },
  { rule: "missing-cost-tracking", file: "py/helicone_gateway_clean.py", fires: false, why: "an observability gateway records usage" },
  { rule: "missing-timeout", file: "py/litellm_module_settings_clean.py", fires: false, why: "litellm.request_timeout set for the module" },
  { rule: "missing-timeout", file: "js/axios_defaults_clean.js", fires: false, why: "axios.defaults.timeout" },
  { rule: "missing-timeout", file: "py/settings_kwargs_clean.py", fires: false, why: "client options splatted from settings" },
  { rule: "missing-retry", file: "js/axios_defaults_clean.js", fires: false, why: "axiosRetry(axios)" },
  { rule: "missing-retry", file: "js/fetch_retry_lib_clean.mjs", fires: false, why: "fetch wrapped by fetch-retry" },
  { rule: "missing-streaming", file: "js/express_ticket_reply_clean.js", fires: false, why: "a ticket-reply draft is a one-shot task" },
  { rule: "raw-prompt-logged", file: "py/payload_debug_logging_bad.py", fires: true, why: "the request payload logged" },
  { rule: "pii-sent-unredacted", file: "py/dict_get_pii_bad.py", fires: true, why: "PII fields read with dict.get" },
  { rule: "pii-sent-unredacted", file: "ts/lib/address_line_pii_bad.ts", fires: true, why: "given name, surname and address line" },
  { rule: "pii-sent-unredacted", file: "py/display_handle_clean.py", fires: false, why: "a display handle and a code selection" },
  { rule: "prompt-injection-risk", file: "py/jinja_system_injection_bad.py", fires: true, why: "a Jinja system template rendered with request fields" },
  { rule: "prompt-injection-risk", file: "py/anthropic_system_blocks_injection_bad.py", fires: true, why: "user instructions in an Anthropic system block" },
  { rule: "prompt-injection-risk", file: "js/replace_all_injection_bad.js", fires: true, why: "replaceAll of a placeholder with a request field" },
];

describe("checklist rules: generalisation cases", function () {
  this.timeout(60_000);
  for (const c of MORE) {
    it(`${c.rule} ${c.fires ? "fires" : "stays quiet"} on ${c.file} (${c.why})`, async () => {
      const lines = (await lintFixture(c.file, c.rule)).map((f) => f.span.startLine + 1);
      const want = (expected.files[c.file] ?? []).filter((e) => e.rule === c.rule).map((e) => e.line);
      assert.equal(want.length > 0, c.fires, "the fixture's label must agree with the case");
      assert.deepEqual(lines, want);
    });
  }
});

describe("checklist rules (positive, negative, trap)", function () {
  this.timeout(60_000);
  for (const [rule, c] of Object.entries(CASES) as [RuleId, (typeof CASES)[RuleId]][]) {
    describe(rule, () => {
      it(`fires on ${c.pos} at the expected line`, async () => {
        const lines = (await lintFixture(c.pos, rule)).map((f) => f.span.startLine + 1);
        const want = (expected.files[c.pos] ?? []).filter((e) => e.rule === rule).map((e) => e.line);
        assert.ok(want.length > 0, "the positive fixture must be labelled with this rule");
        for (const w of want) assert.ok(lines.includes(w), `expected ${rule} at line ${w}, got ${lines.join(", ") || "nothing"}`);
      });
      it(`stays quiet on ${c.neg}`, async () => {
        assert.deepEqual((await lintFixture(c.neg, rule)).map((f) => f.span.startLine + 1), []);
      });
      it(`does not fire on the trap (${c.why})`, async () => {
        const want = (expected.files[c.trap] ?? []).filter((e) => e.rule === rule);
        assert.equal(want.length, 0, "the trap fixture must not be labelled with this rule");
        assert.deepEqual((await lintFixture(c.trap, rule)).map((f) => f.span.startLine + 1), []);
      });
    });
  }
  it("gives every finding a message that says what to do and a severity", async () => {
    const file = path.join(TUNE, "files", "py/fastapi_chat_bad.py");
    const findings = await lintText(file, fs.readFileSync(file, "utf8"));
    assert.ok(findings.length >= 8);
    for (const f of findings) {
      assert.match(f.message, /:/);
      assert.ok(["error", "warning", "info"].includes(f.severity));
    }
  });
});
