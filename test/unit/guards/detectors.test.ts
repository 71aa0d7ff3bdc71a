import assert from "node:assert/strict";
import { detect } from "../../../server/src/guards/detect";
import { readSet, type RedactionRecord } from "./scoring";

/** Returns [type, value] pairs found in a text. */
function found(text: string): [string, string][] {
  return detect(text).map((f) => [f.type, text.slice(f.start, f.end)]);
}

const POSITIVE: [string, string, string][] = [
  ["OPENAI_KEY", "key = 'sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St90Uv12Wx34'", "sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St90Uv12Wx34"],
  ["ANTHROPIC_KEY", `ANTHROPIC_API_KEY=sk-ant-api03-${"aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3hJ6kM9nP2rS5uV8xA1cD4fG7iL0oR3tU6wX9zB2dE5gH8jK1mN4pQ7sT0vW3yZ6bC9eF2hJ"}AA`, `sk-ant-api03-${"aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3hJ6kM9nP2rS5uV8xA1cD4fG7iL0oR3tU6wX9zB2dE5gH8jK1mN4pQ7sT0vW3yZ6bC9eF2hJ"}AA`],
  ["AWS_ACCESS_KEY_ID", "aws_access_key_id = AKIAZ3MSJV4WWNKWW5FG", "AKIAZ3MSJV4WWNKWW5FG"],
  ["AWS_SECRET", "aws_secret_access_key = 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", "Gbdi47kucmMnIeUgeQ18GTE6yISbiBgqqii23ZBs"],
  ["SLACK_TOKEN", "token: xoxb-86772971189-5456576534132-6wOfMYw5VqU7AxpOvxrxLP4T", "xoxb-86772971189-5456576534132-6wOfMYw5VqU7AxpOvxrxLP4T"],
  ["STRIPE_KEY", 'stripe.api_key = "sk_live_51HxYzAbCdEfGhIjKlMnOpQr"', "sk_live_51HxYzAbCdEfGhIjKlMnOpQr"],
  ["GOOGLE_API_KEY", "?key=AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q&x=1", "AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q"],
  ["DB_URL_PASSWORD", "postgres://app:Xk29vLq7Ww@db.prod.globex.com:5432/orders", "Xk29vLq7Ww"],
  ["GENERIC_SECRET", 'DB_PASSWORD="Tr0ub4dor&3"', "Tr0ub4dor&3"],
  ["GENERIC_SECRET", "Authorization: Basic YWRtaW46c2VjcmV0UGFzczk5", "YWRtaW46c2VjcmV0UGFzczk5"],
  ["EMAIL", "write to maria.garcia@acme-corp.io today", "maria.garcia@acme-corp.io"],
  ["PHONE", "call 617-555-0199 ext. 204", "617-555-0199"],
  ["SSN", "SSN: 219-09-9999", "219-09-9999"],
  ["CREDIT_CARD", "card 4242 4242 4242 4242 exp 12/30", "4242 4242 4242 4242"],
  ["IBAN", "IBAN DE89 3704 0044 0532 0130 00 BIC COBADEFFXXX", "DE89 3704 0044 0532 0130 00"],
  ["IP_ADDRESS", "from 52.94.76.10:443", "52.94.76.10"],
  ["PERSON_NAME", "Co-authored-by: Elena Marquez <elena@contoso.de>", "Elena Marquez"],
];

const NEGATIVE: [string, string][] = [
  ["env reference", 'token = os.environ["GITHUB_TOKEN"]\napiKey: process.env.OPENAI_API_KEY'],
  ["placeholder", "OPENAI_API_KEY=sk-...\napi_key = 'YOUR_API_KEY'\npassword: changeme"],
  ["x-filled", `GITHUB_TOKEN=ghp_${"x".repeat(36)}`],
  ["AWS example", "AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"],
  ["masked", "sk-proj-****8fQa ***-**-4490 ************4242 [REDACTED]"],
  ["public key", "pk_live_51HxYzAbCdEfGhIjKlMnOpQr ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx deploy@ci"],
  ["private and documentation IPs", "10.0.0.1 192.168.1.20 127.0.0.1 169.254.169.254 203.0.113.9 100.64.0.1"],
  ["versions", 'AssemblyVersion("2.4.1.0") cuDNN 9.1.0.70'],
  ["reserved and non-address emails", "a@example.com b@x.test git@github.com:org/repo.git lodash@4.17.21 icon@2x.png"],
  ["Luhn-invalid id", "order 4111111111111112"],
  ["uuid and hashes", "request_id=3f2504e0-4f89-11d3-9a0c-0305e82c3301 etag 9e107d9d372bb6826bd81d3542a419d6"],
  ["names that are not people", "Adam optimizer, Claude, Gemini, John Doe, @mkim"],
  ["local dummies", 'api_key="ollama" amqp://guest:guest@localhost:5672'],
];

describe("guards/detectors", () => {
  for (const [type, text, value] of POSITIVE) {
    it(`finds ${type} with the policy's span`, () => {
      assert.deepEqual(found(text).filter(([t]) => t === type), [[type, value]]);
    });
  }
  for (const [name, text] of NEGATIVE) {
    it(`does not label ${name}`, () => assert.deepEqual(found(text), []));
  }

  it("checks GitHub tokens by checksum: every tune token is found, a token with a wrong suffix is not", () => {
    const recs = readSet<RedactionRecord>("test/fixtures/redaction/tune").filter((r) => r.findings.some((f) => f.type === "GITHUB_TOKEN"));
    assert.ok(recs.length > 5);
    for (const r of recs) {
      const f = r.findings.find((x) => x.type === "GITHUB_TOKEN")!;
      const token = r.text.slice(f.start, f.end);
      assert.deepEqual(found(token), [["GITHUB_TOKEN", token]]);
      if (token.startsWith("gh") && !token.startsWith("github_pat_")) {
        const broken = token.slice(0, -2) + (token.slice(-2) === "zz" ? "yy" : "zz");
        assert.deepEqual(found(broken), []);
      }
    }
  });

  it("spans a private key from BEGIN through END including escaped newlines", () => {
    const body = "MIIEowIBAAKCAQEAx3k9Zq8v2W5nR7tY1pL0cF4hJ6mK9sD2gB5vN8xQ1wE3rT7y";
    const key = `-----BEGIN RSA PRIVATE KEY-----\\n${body}\\n${body}\\n-----END RSA PRIVATE KEY-----`;
    assert.deepEqual(found(`PRIVATE_KEY="${key}"`), [["PRIVATE_KEY", key]]);
  });

  it("labels a JWT only when its header decodes", () => {
    const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString("base64url");
    const jwt = `${header}.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c`;
    assert.deepEqual(found(`Bearer ${jwt}`), [["JWT", jwt]]);
    assert.deepEqual(found("eyJnotjsonAAAAAAA.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdefgh").filter(([t]) => t === "JWT"), []);
  });

  it("takes the default of os.getenv but not the variable name", () => {
    assert.deepEqual(found('key = os.getenv("COHERE_API_KEY", "Zk3jQ9vLm2Xp7Rt5Wc8Yb1Nd4Gf6Hs0Ae3Iu9Oq")'), [["GENERIC_SECRET", "Zk3jQ9vLm2Xp7Rt5Wc8Yb1Nd4Gf6Hs0Ae3Iu9Oq"]]);
  });

  it("honours disabled types and allowed values", () => {
    const text = "mail maria.garcia@acme-corp.io, call 617-555-0199";
    assert.deepEqual(detect(text, { disabledTypes: ["EMAIL"] }).map((f) => f.type), ["PHONE"]);
    assert.deepEqual(detect(text, { allowValues: ["617-555-0199"] }).map((f) => f.type), ["EMAIL"]);
  });
});
