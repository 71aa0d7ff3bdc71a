/**
 * The intent gate's knowledge of equivalent wordings: jargon and plain English read as one
 * concept, topics a word implies, the story around a verbose question, and questions given by
 * example. Each acceptance is paired with the near-miss it must still refuse.
 */
import { strict as assert } from "node:assert";
import { sameIntent } from "../../../server/src/cache/gate";
import { describeExamples } from "../../../server/src/cache/text";

const ok = (a: string, b: string, similarity = 0.6) => {
  const v = sameIntent(a, b, similarity);
  assert.ok(v.ok, `${a} / ${b}: ${JSON.stringify(v)}`);
};
const refused = (a: string, b: string, similarity = 0.95) => {
  const v = sameIntent(a, b, similarity);
  assert.equal(v.ok, false, `${a} / ${b}`);
  return v;
};

describe("intent gate: equivalent wordings", () => {
  it("reads jargon and its plain description as one operation", () => {
    ok("How do I dedupe a list in Python?", "Python: remove duplicate values from a list");
    ok("How do I squash my last 3 commits in git?", "git: combine the last three commits into one");
    ok("How do I chown a directory on Linux?", "Linux: change the owner of a directory");
    ok("How do I stringify an object in JavaScript?", "JavaScript: convert an object to a JSON string");
    ok("How do I rename a column in pandas?", "pandas: change the name of a column");
  });

  it("still refuses what the policy lists around an equivalent wording", () => {
    refused("How do I squash the last 2 commits in git?", "git: combine the last 3 commits into one");
    refused("How do I stringify an object in JavaScript?", "JavaScript: parse a JSON string into an object");
    refused("How do I dedupe a list in Python?", "Python: remove duplicates from a list while preserving order");
    refused("How do I chown a directory on Linux?", "Linux: change the owner of a directory and everything inside it");
    // Two different concepts never match each other.
    assert.match((refused("How do I dedupe a list in Python?", "How do I flatten a list in Python?") as { reason: string }).reason, /operation/);
  });

  it("repairs a typing slip before reading phrases", () => {
    ok("How do I remvoe duplicates from a list in Python?", "How do I remove duplicates from a list in Python?");
  });

  it("does not count a topic the other question implies", () => {
    ok("git: change the last commit", "How do I amend the last commit?");
    ok("Python: save the installed packages to requirements.txt", "How do I pip freeze my dependencies into requirements.txt?");
    // A different topic named on the other side is still a difference.
    refused("How do I amend the last commit in git?", "How do I amend the last commit in mercurial?");
  });
});

describe("intent gate: verbose questions", () => {
  it("ignores a story made of everyday words around the same question", () => {
    ok("My team uses git and I accidentally committed to the wrong branch yesterday. How do I undo the last commit?", "How do I undo the last commit in git?");
  });

  it("refuses when the story adds a number, a negation, a library, an OS or a version", () => {
    refused("I'm cleaning up my machine. How do I list all running Docker containers that use more than 1 GB?", "How do I list all running Docker containers?");
    refused("I have a list in Python and must not change its order. How do I remove duplicates from the list?", "How do I remove duplicates from a list in Python?");
    refused("I'm moving my app to FastAPI. How do I get query parameters?", "How do I get query parameters in Flask?");
    refused("I'm on Windows at work. How do I kill a process by PID?", "How do I kill a process by PID?");
    refused("We still use an old git 1.7 on our server. How do I delete a remote branch in git?", "How do I delete a remote branch in git?");
  });

  it("needs the plain question's words in the question itself, not only in the story", () => {
    refused("I have some files in a folder. How do I delete them?", "How do I delete a folder?", 0.7);
  });

  it("lets an unknown story word pass only at the similarity unlisted wording needs", () => {
    const story = "Vim suddenly appeared and confused me; how can I quit vim?";
    assert.equal(sameIntent("How do I exit vim?", story).ok, false);
  });
});

describe("intent gate: questions given by example", () => {
  it("describes what an example shows", () => {
    assert.match(describeExamples('Python: how do I turn "HELLO" into "hello"?'), /convert a string to lowercase/);
    assert.match(describeExamples("JavaScript: how do I turn [1, [2, [3]]] into [1, 2, 3]?"), /flatten a nested array/);
    assert.match(describeExamples("Python: how do I turn 3.14159 into 3.14?"), /round a number to 2 decimal places/);
    assert.match(describeExamples('Python: how do I get ".txt" from "notes.txt"?'), /get the file extension/);
    // An example no rule explains is left as written.
    assert.equal(describeExamples('how do I turn "abc" into "xyz"?'), 'how do I turn "abc" into "xyz"?');
  });

  it("serves the description for a matching example and refuses a different one", () => {
    ok("How do I convert a string to lowercase in Python?", 'Python: how do I turn "HELLO" into "hello"?', 0.5);
    ok("How do I sort a list in descending order in Python?", "Python: how do I turn [1, 3, 2] into [3, 2, 1]?", 0.5);
    refused("How do I convert a string to uppercase in Python?", 'Python: how do I turn "hello world" into "Hello world"?');
    refused("How do I round a number to 2 decimal places in Python?", "Python: how do I turn 3.14159 into 3.1?");
    refused("How do I sort a list in descending order in Python?", "Python: how do I turn [3, 1, 2] into [1, 2, 3]?");
  });
});

describe("intent gate: concept phrases stay narrow", () => {
  it("reads a jargon phrase only in its own context", () => {
    // "freeze" alone is Object.freeze, not pip freeze; "save my changes" alone is not a stash.
    refused("How do I freeze an object in JavaScript?", "How do I pip freeze in JavaScript?");
    refused("How do I save my changes in vim?", "How do I stash my changes in vim?");
  });
});
