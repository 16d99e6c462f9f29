import assert from "node:assert/strict";
import { checkDestination, DestinationRefused, urlProblem } from "@/lib/webhooks/ssrf.ts";

const prod = { production: true };
const dev = { production: false };

Deno.test("in production a webhook URL must be https to a public address", async () => {
  assert.equal(urlProblem("https://hooks.example.com/x", prod), null);
  assert.match(urlProblem("http://hooks.example.com/x", prod)!, /https/);
  assert.match(urlProblem("ftp://example.com/", prod)!, /https/);
  assert.match(urlProblem("not a url", prod)!, /full URL/);
  assert.match(urlProblem("https://user:pw@example.com/", prod)!, /user name/);
  for (
    const host of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "[::1]",
      "[fd00:ec2::254]",
      "[fe80::1]",
      "[::ffff:127.0.0.1]",
      "[::ffff:a9fe:a9fe]",
      "[64:ff9b::a9fe:a9fe]",
      "localhost",
      "api.localhost",
    ]
  ) {
    assert.match(urlProblem(`https://${host}/hook`, prod) ?? "", /private/, host);
  }
  await assert.rejects(checkDestination("https://127.0.0.1/x", prod), DestinationRefused);
  await assert.rejects(checkDestination("https://localhost/x", prod), DestinationRefused);
  await assert.rejects(checkDestination("https://[::ffff:10.0.0.1]/x", prod), DestinationRefused);
});

Deno.test("outside production loopback http is allowed, other private ranges still are not", async () => {
  assert.equal(urlProblem("http://127.0.0.1:8123/hooks", dev), null);
  assert.equal(urlProblem("http://localhost:8123/hooks", dev), null);
  assert.equal(urlProblem("http://[::1]:8123/hooks", dev), null);
  await checkDestination("http://127.0.0.1:8123/hooks", dev);
  await checkDestination("http://localhost:1/", dev);
  assert.match(urlProblem("http://169.254.169.254/latest/meta-data", dev)!, /private/);
  assert.match(urlProblem("http://192.168.0.10/", dev)!, /private/);
  await assert.rejects(checkDestination("http://10.0.0.1/", dev), DestinationRefused);
});
