import assert from "node:assert/strict";
import { choosePipeline } from "@/lib/pipelines/pipelines.ts";
import { withOrg } from "@/lib/data/scope.ts";
import type { TestClient } from "../helpers/app.ts";
import { testApp } from "../helpers/app.ts";
import { form, orgWithOwner } from "../helpers/accounts.ts";
import { boardProps, json } from "../helpers/deals.ts";

/** Each owner's records carry one word in every title: the pages show whose records someone sees. */
const WORDS = ["Aurora", "Borealis", "Cobalt", "Dune", "Ember"] as const;
type Word = typeof WORDS[number];
type Kind = "company" | "contact" | "lead" | "deal";
const NOTE = { type: "note", subject: "Peek", body: "", due_at: "", owner_id: "" };
const PATHS: Record<Kind, string> = { company: "companies", contact: "contacts", lead: "leads", deal: "deals" };

Deno.test("visibility: with 'own', members see their own and their team's records everywhere; admins see all", async (t) => {
  const app = await testApp();
  try {
    const o = await orgWithOwner(app);
    const admin = await o.addMember("ADMIN", "Ada Admin");
    const rita = await o.addMember("MEMBER", "Rita Rep");
    const sam = await o.addMember("MEMBER", "Sam Seller");
    const tess = await o.addMember("MEMBER", "Tess Teammate");
    const inOrg = <R>(fn: Parameters<typeof withOrg<R>>[1]) => withOrg({ orgId: o.org.id, userId: o.user.id }, fn);
    const base = `/app/${o.org.slug}`;

    // Aurora: Rita's. Borealis: Sam's. Cobalt: Tess's. Dune: nobody's. Ember: the owner's.
    const owners: Record<Word, string | null> = {
      Aurora: rita.user.id,
      Borealis: sam.user.id,
      Cobalt: tess.user.id,
      Dune: null,
      Ember: o.user.id,
    };
    const ids = {} as Record<Word, Record<Kind, string>>;
    await inOrg(async (q) => {
      const { pipeline } = await choosePipeline(q);
      for (const word of WORDS) {
        const owner_id = owners[word];
        const company = await q.insertInto("companies", { name: `${word} Zeta Ltd`, owner_id }).returning("id")
          .executeTakeFirstOrThrow();
        const contact = await q.insertInto("contacts", {
          first_name: word,
          last_name: "Zeta",
          email: `${word.toLowerCase()}@zeta.test`,
          owner_id,
          company_id: company.id,
        }).returning("id").executeTakeFirstOrThrow();
        const lead = await q.insertInto("leads", { name: `${word} Zeta Lead`, owner_id }).returning("id")
          .executeTakeFirstOrThrow();
        const deal = await q.insertInto("deals", {
          title: `${word} Zeta Deal`,
          value_minor: 1_000_00,
          pipeline_id: pipeline.id,
          stage_id: pipeline.stages[0].id,
          owner_id,
          company_id: company.id,
          contact_id: contact.id,
          stage_entered_at: new Date(),
        }).returning("id").executeTakeFirstOrThrow();
        ids[word] = { company: company.id, contact: contact.id, lead: lead.id, deal: deal.id };
      }
      // Sam also works Rita's account: his contact and deal at her company are still his.
      const contact = await q.insertInto("contacts", {
        first_name: "Borealis",
        last_name: "Sidekick",
        owner_id: sam.user.id,
        company_id: ids.Aurora.company,
      }).returning("id").executeTakeFirstOrThrow();
      await q.insertInto("deals", {
        title: "Borealis Side Deal",
        value_minor: 5_00,
        pipeline_id: pipeline.id,
        stage_id: pipeline.stages[1].id,
        owner_id: sam.user.id,
        company_id: ids.Aurora.company,
        contact_id: contact.id,
        stage_entered_at: new Date(),
      }).execute();
    });

    /** The words of the records a page shows. */
    const seen = async (client: TestClient, path: string): Promise<Word[]> => {
      const res = await client.fetch(`${base}${path}`);
      assert.equal(res.status, 200, path);
      const html = await res.text();
      return WORDS.filter((w) => html.includes(w));
    };
    const LISTS = ["/companies", "/contacts", "/leads", "/deals/list?status=all", "/deals", "/search?q=zeta"];
    const everywhere = async (client: TestClient) => {
      const out: Record<string, Word[]> = {};
      for (const path of LISTS) out[path] = await seen(client, path);
      return out;
    };
    const same = (words: Word[]) => Object.fromEntries(LISTS.map((p) => [p, words]));
    /** Sam's contact and deal at Rita's company show its name (a link on his records), nothing else of hers. */
    const samSees = async () => {
      assert.deepEqual(await everywhere(sam.client), {
        ...same(["Borealis"]),
        "/contacts": ["Aurora", "Borealis"],
        "/deals/list?status=all": ["Aurora", "Borealis"],
        "/deals": ["Aurora", "Borealis"],
      });
      for (const path of LISTS) {
        const html = await (await sam.client.fetch(`${base}${path}`)).text();
        assert.doesNotMatch(html, /Aurora Zeta Deal|Aurora Zeta Lead|aurora@zeta\.test/, path);
      }
    };
    const boardTitles = async (client: TestClient) => {
      const props = boardProps(await (await client.fetch(`${base}/deals`)).text());
      return props.columns.flatMap((c) => c.cards.map((card) => card.title)).sort();
    };
    const searchCount = async (client: TestClient) =>
      /(\d+) results for/.exec(await (await client.fetch(`${base}/search?q=zeta`)).text())?.[1];
    const setVisibility = async (visibility: string) => {
      const res = await o.client.fetch(
        `${base}/settings`,
        form({ name: o.org.name, slug: o.org.slug, visibility, rotting_days: "14" }),
      );
      assert.equal(res.status, 303);
    };
    const status = async (client: TestClient, path: string, init?: RequestInit) => {
      const res = await client.fetch(`${base}${path}`, init);
      await res.body?.cancel();
      return res.status;
    };

    await t.step("with 'all' (the default), a member sees every record", async () => {
      assert.deepEqual(await everywhere(rita.client), same([...WORDS]));
      assert.equal(await searchCount(rita.client), "20");
      for (const kind of Object.keys(PATHS) as Kind[]) {
        assert.equal(await status(rita.client, `/${PATHS[kind]}/${ids.Borealis[kind]}`), 200, kind);
      }
    });

    await t.step("with 'own', a member sees only their records in lists, the board and search", async () => {
      const bad = await o.client.fetch(
        `${base}/settings`,
        form({ name: o.org.name, slug: o.org.slug, visibility: "nobody", rotting_days: "14" }),
      );
      assert.equal(bad.status, 422);
      assert.match(await bad.text(), /Choose who sees records/);
      await setVisibility("own");

      assert.deepEqual(await everywhere(rita.client), same(["Aurora"]));
      await samSees();
      assert.equal(await searchCount(rita.client), "4");
      assert.deepEqual(await boardTitles(rita.client), ["Aurora Zeta Deal"]);
      const board = boardProps(await (await rita.client.fetch(`${base}/deals`)).text());
      assert.deepEqual(board.columns.map((c) => [c.count, c.totalMinor]), [[1, 1_000_00], [0, 0], [0, 0], [0, 0]]);
      // Filtering by another rep does not get round it.
      const bySam = boardProps(await (await rita.client.fetch(`${base}/deals?owner=${sam.user.id}`)).text());
      assert.deepEqual(bySam.columns.map((c) => c.count), [0, 0, 0, 0]);
      assert.deepEqual(await seen(rita.client, `/contacts?owner=${sam.user.id}`), []);
      assert.deepEqual(await seen(rita.client, `/search?q=borealis`), []);
      // Sam's board has his deal at Rita's company; hers does not.
      assert.deepEqual(await boardTitles(sam.client), ["Borealis Side Deal", "Borealis Zeta Deal"]);
      const column = await rita.client.fetch(
        `${base}/deals/column?stage=${board.columns[1].id}&after=${encodeURIComponent(`0~${crypto.randomUUID()}`)}`,
      );
      assert.deepEqual((await column.json()).cards, []);
    });

    await t.step("with 'own', another rep's records are 404 for a member, pages and actions alike", async () => {
      for (const word of ["Borealis", "Cobalt", "Dune", "Ember"] as const) {
        for (const kind of Object.keys(PATHS) as Kind[]) {
          const path = `/${PATHS[kind]}/${ids[word][kind]}`;
          assert.equal(await status(rita.client, path), 404, `${word} ${kind}`);
          assert.equal(await status(rita.client, `${path}/edit`), 404, `${word} ${kind} edit`);
          assert.equal(await status(rita.client, `${path}/delete`, form({})), 404, `${word} ${kind} delete`);
          const note = form(NOTE);
          assert.equal(await status(rita.client, path, note), 404, `${word} ${kind} activity`);
        }
      }
      const deal = ids.Borealis.deal;
      assert.equal(await status(rita.client, `/deals/${deal}/outcome`, json({ outcome: "won" })), 404);
      const stage = (await inOrg((q) => choosePipeline(q))).pipeline.stages[2].id;
      assert.equal(await status(rita.client, `/deals/${deal}/move`, json({ stageId: stage })), 404);
      assert.equal(await status(rita.client, `/leads/${ids.Borealis.lead}/qualify`, form({})), 404);
      const untouched = await inOrg(async (q) => ({
        deal: await q.selectFrom("deals").select(["status", "stage_id", "deleted_at"]).where("id", "=", deal)
          .executeTakeFirstOrThrow(),
        lead: await q.selectFrom("leads").select(["status", "deleted_at"]).where("id", "=", ids.Borealis.lead)
          .executeTakeFirstOrThrow(),
        contact: await q.selectFrom("contacts").select("deleted_at").where("id", "=", ids.Borealis.contact)
          .executeTakeFirstOrThrow(),
        notes: (await q.selectFrom("activities").select("id").execute()).length,
      }));
      assert.deepEqual(untouched, {
        deal: { status: "open", stage_id: untouched.deal.stage_id, deleted_at: null },
        lead: { status: "new", deleted_at: null },
        contact: { deleted_at: null },
        notes: 0,
      });
      assert.notEqual(untouched.deal.stage_id, stage);

      // Her own records open, and her company's page lists only what she may see of it.
      for (const kind of Object.keys(PATHS) as Kind[]) {
        assert.equal(await status(rita.client, `/${PATHS[kind]}/${ids.Aurora[kind]}`), 200, kind);
      }
      assert.deepEqual(await seen(rita.client, `/companies/${ids.Aurora.company}`), ["Aurora"]);
      // The same note form is accepted on a record of hers.
      assert.equal(await status(rita.client, `/contacts/${ids.Aurora.contact}`, form(NOTE)), 303);
      assert.equal(await status(sam.client, `/companies/${ids.Aurora.company}`), 404);
    });

    await t.step("with 'own', admins and owners still see everything", async () => {
      for (const client of [admin.client, o.client]) {
        assert.deepEqual(await everywhere(client), same([...WORDS]));
        assert.equal(await searchCount(client), "20");
        assert.equal((await boardTitles(client)).length, 6);
        assert.equal(await status(client, `/deals/${ids.Borealis.deal}`), 200);
        assert.equal(await status(client, `/contacts/${ids.Dune.contact}`), 200);
      }
      const company = await (await admin.client.fetch(`${base}/companies/${ids.Aurora.company}`)).text();
      assert.match(company, /Borealis Sidekick/);
      assert.match(company, /Borealis Side Deal/);
    });

    await t.step(
      "with 'own', teammates (put in teams by an admin) see each other's records, not other teams'",
      async () => {
        const setTeam = async (client: TestClient, userId: string, team: string) =>
          (await client.fetch(`${base}/settings/members/${userId}`, form({ intent: "team", team }))).status;
        assert.equal(await setTeam(rita.client, tess.user.id, "East"), 403, "members cannot set teams");
        const tooLong = await admin.client.fetch(
          `${base}/settings/members/${rita.user.id}`,
          form({ intent: "team", team: "x".repeat(61) }),
        );
        assert.equal(tooLong.status, 422);
        assert.match(await tooLong.text(), /At most 60 characters/);
        assert.equal(await setTeam(admin.client, rita.user.id, " East "), 303);
        assert.equal(await setTeam(admin.client, tess.user.id, "East"), 303);
        const members = await (await admin.client.fetch(`${base}/settings/members`)).text();
        assert.equal(members.match(/>East</g)?.length, 2, "the members list shows their team");
        const memberPage = await (await admin.client.fetch(`${base}/settings/members/${sam.user.id}`)).text();
        assert.match(memberPage, /<option value="East"/, "known teams are suggested");
        const auditLog = await (await o.client.fetch(`${base}/settings/audit`)).text();
        assert.match(auditLog, /Changed a team/);

        assert.deepEqual(await everywhere(rita.client), same(["Aurora", "Cobalt"]));
        assert.deepEqual(await everywhere(tess.client), same(["Aurora", "Cobalt"]));
        await samSees();
        assert.equal(await status(rita.client, `/deals/${ids.Cobalt.deal}`), 200);
        assert.equal(await status(rita.client, `/deals/${ids.Borealis.deal}`), 404);
        // A rep in another team is no teammate.
        assert.equal(await setTeam(admin.client, sam.user.id, "West"), 303);
        await samSees();
        // Out of the team (an empty team is none), Tess sees her own again.
        assert.equal(await setTeam(admin.client, tess.user.id, ""), 303);
        assert.deepEqual(await everywhere(tess.client), same(["Cobalt"]));
        assert.deepEqual(await everywhere(rita.client), same(["Aurora"]));
      },
    );

    await t.step("back to 'all', members see everything again", async () => {
      await setVisibility("all");
      assert.deepEqual(await everywhere(rita.client), same([...WORDS]));
      assert.equal(await status(rita.client, `/deals/${ids.Borealis.deal}`), 200);
    });
  } finally {
    await app.close();
  }
});
