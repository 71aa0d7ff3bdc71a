import assert from "node:assert/strict";
import { crc32, githubChecksumValid, ibanValid, jwtHeaderValid, luhnValid } from "../../../server/src/guards/checksums";

describe("guards/checksums", () => {
  it("Luhn accepts valid card numbers and rejects a changed digit", () => {
    assert.equal(luhnValid("4242424242424242"), true);
    assert.equal(luhnValid("378282246310005"), true);
    assert.equal(luhnValid("4242424242424241"), false);
    assert.equal(luhnValid("42a2"), false);
  });

  it("IBAN mod-97 accepts the reference IBANs and rejects wrong lengths or check digits", () => {
    assert.equal(ibanValid("DE89370400440532013000"), true);
    assert.equal(ibanValid("GB82WEST12345698765432"), true);
    assert.equal(ibanValid("FR1420041010050500013M02606"), true);
    assert.equal(ibanValid("DE89370400440532013001"), false);
    assert.equal(ibanValid("DE8937040044053201300"), false);
    assert.equal(ibanValid("XX89370400440532013000"), false);
  });

  it("CRC32 matches the IEEE reference value", () => {
    assert.equal(crc32("123456789"), 0xcbf43926);
  });

  it("GitHub tokens need their CRC32 suffix", () => {
    const random = "abcdefghijABCDEFGHIJ0123456789";
    const crc = crc32(random);
    const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let v = crc;
    let suffix = "";
    do {
      suffix = alphabet[v % 62] + suffix;
      v = Math.floor(v / 62);
    } while (v > 0);
    const token = `ghp_${random}${suffix.padStart(6, "0")}`;
    assert.equal(githubChecksumValid(token), true);
    assert.equal(githubChecksumValid(`${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`), false);
  });

  it("JWTs need a decodable JSON header with alg or typ", () => {
    const header = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url");
    assert.equal(jwtHeaderValid(`${header}.eyJzdWIiOiIxIn0.sig`), true);
    assert.equal(jwtHeaderValid(`${Buffer.from("not json").toString("base64url")}.eyJzdWIiOiIxIn0.sig`), false);
    assert.equal(jwtHeaderValid(`${Buffer.from('{"x":1}').toString("base64url")}.e.s`), false);
  });
});
