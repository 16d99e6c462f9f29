import assert from "node:assert/strict";
import { DEFAULT_PIPELINE } from "@/lib/records/default_pipeline.ts";
import { withOrg } from "@/lib/data/scope.ts";
import { testApp } from "../helpers/app.ts";
import { form, orgWithOwner } from "../helpers/accounts.ts";
import { boardProps, dealWorld, stageOrder } from "../helpers/deals.ts";

const DAY_MS = 86_400_000;

Deno.test("pipelines settings: create, shape stages, delete a stage moving its deals, delete a pipeline", async (t) => {
  const app = await testApp();
  try {
    const w = await dealWorld(app);
    const admin = await w.addMember("ADMIN", "Ada Admin");
    const base = `/app/${w.org.slug}/settings/pipelines`;
    const stagesOf = (pipelineId: string) =>
      w.run((q) =>
        q.selectFrom("stages").select(["id", "name", "position", "probability"]).where("pipeline_id", "=", pipelineId)
          .orderBy("position").execute()
      );
    const post = (pipelineId: string, values: Record<string, string>) =>
      admin.client.fetch(`${base}/${pipelineId}`, form(values));

    let pipelineId = "";
    await t.step("an admin creates a pipeline; it starts with the default stages", async () => {
      const list = await admin.client.fetch(base);
      assert.equal(list.status, 200);
      assert.match(await list.text(), /Sales/);

      const blank = await admin.client.fetch(base, form({ name: "  " }));
      assert.equal(blank.status, 422);
      assert.match(await blank.text(), /Required/);

      const created = await admin.client.fetch(base, form({ name: "Renewals" }));
      assert.equal(created.status, 303);
      const location = created.headers.get("location")!;
      assert.match(location, new RegExp(`^${base}/[0-9a-f-]{36}$`));
      pipelineId = location.split("/").pop()!;
      const stages = await stagesOf(pipelineId);
      assert.deepEqual(
        stages.map((s) => [s.name, s.position, s.probability]),
        DEFAULT_PIPELINE.stages.map((s, i) => [s.name, i, s.probability]),
      );
      const page = await admin.client.fetch(location);
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /Renewals/);
      for (const s of DEFAULT_PIPELINE.stages) assert.match(html, new RegExp(`value="${s.name}"`));
      assert.match(await (await admin.client.fetch(base)).text(), /Renewals.*Qualified · 10%/s);

      assert.equal((await admin.client.fetch(`${base}/${crypto.randomUUID()}`)).status, 404);
      assert.equal((await admin.client.fetch(`${base}/not-an-id`)).status, 404);
    });

    await t.step("add a stage; a bad win probability is a 422 with a field message", async () => {
      const added = await post(pipelineId, { intent: "add_stage", name: "Closing", probability: "95" });
      assert.equal(added.status, 303);
      assert.equal(added.headers.get("location"), `${base}/${pipelineId}?done=add_stage`);
      assert.match(await (await admin.client.fetch(added.headers.get("location")!)).text(), /Stage added\./);
      const stages = await stagesOf(pipelineId);
      assert.deepEqual(stages.at(-1), { ...stages.at(-1)!, name: "Closing", position: 4, probability: 95 });

      for (const probability of ["101", "-1", "abc", "", "12.5", "1e2", "1000"]) {
        const bad = await post(pipelineId, { intent: "add_stage", name: "Nope", probability });
        assert.equal(bad.status, 422, `probability ${JSON.stringify(probability)}`);
        assert.match(await bad.text(), /Enter a whole number from 0 to 100/);
      }
      const noProbability = await post(pipelineId, { intent: "add_stage", name: "Nope" });
      assert.equal(noProbability.status, 422);
      await noProbability.body?.cancel();
      const noName = await post(pipelineId, { intent: "add_stage", name: "", probability: "20" });
      assert.equal(noName.status, 422);
      assert.match(await noName.text(), /Required/);
      const unknown = await post(pipelineId, { intent: "explode" });
      assert.equal(unknown.status, 422);
      assert.match(await unknown.text(), /Unknown action/);
      assert.equal((await stagesOf(pipelineId)).length, 5, "nothing was added by the refused forms");

      // The edges are accepted.
      const zero = await post(pipelineId, { intent: "add_stage", name: "Long shot", probability: "0" });
      assert.equal(zero.status, 303);
      assert.deepEqual((await stagesOf(pipelineId)).map((s) => s.probability), [10, 30, 60, 80, 95, 0]);
    });

    await t.step("rename a stage and set its probability; refusals keep the stored values", async () => {
      const meeting = (await stagesOf(pipelineId)).find((s) => s.name === "Meeting")!;
      const saved = await post(pipelineId, {
        intent: "update_stage",
        stage_id: meeting.id,
        name: "Discovery",
        probability: "35",
      });
      assert.equal(saved.status, 303);
      assert.equal(saved.headers.get("location"), `${base}/${pipelineId}?done=update_stage`);
      const after = (await stagesOf(pipelineId)).find((s) => s.id === meeting.id)!;
      assert.deepEqual([after.name, after.probability, after.position], ["Discovery", 35, 1]);

      const bad = await post(pipelineId, {
        intent: "update_stage",
        stage_id: meeting.id,
        name: "X",
        probability: "100.5",
      });
      assert.equal(bad.status, 422);
      const html = await bad.text();
      assert.match(html, /Enter a whole number from 0 to 100/);
      assert.match(html, /value="100\.5"/, "what was typed is shown again");
      const full = await post(pipelineId, {
        intent: "update_stage",
        stage_id: meeting.id,
        name: "All in",
        probability: "100",
      });
      assert.equal(full.status, 303);
      assert.equal((await stagesOf(pipelineId)).find((s) => s.id === meeting.id)!.probability, 100);

      // A stage of another pipeline, or an id that is not one, cannot be edited through this pipeline.
      const sales = w.pipeline.stages[0];
      const foreign = await post(pipelineId, {
        intent: "update_stage",
        stage_id: sales.id,
        name: "Hijack",
        probability: "1",
      });
      assert.equal(foreign.status, 404);
      await foreign.body?.cancel();
      const garbage = await post(pipelineId, { intent: "update_stage", stage_id: "nope", name: "X", probability: "1" });
      assert.equal(garbage.status, 422);
      assert.match(await garbage.text(), /Unknown stage/);
      assert.equal((await stagesOf(w.pipeline.id))[0].name, sales.name);
    });

    await t.step("reorder stages up and down; the ends stay put", async () => {
      const names = async () => (await stagesOf(pipelineId)).map((s) => s.name);
      assert.deepEqual(await names(), ["Qualified", "All in", "Proposal", "Negotiation", "Closing", "Long shot"]);
      const id = (name: string) => stagesOf(pipelineId).then((s) => s.find((x) => x.name === name)!.id);
      const move = async (name: string, direction: string) =>
        assert.equal(
          (await post(pipelineId, { intent: "move_stage", stage_id: await id(name), direction })).status,
          303,
        );

      await move("Long shot", "up");
      assert.deepEqual(await names(), ["Qualified", "All in", "Proposal", "Negotiation", "Long shot", "Closing"]);
      await move("Qualified", "down");
      assert.deepEqual(await names(), ["All in", "Qualified", "Proposal", "Negotiation", "Long shot", "Closing"]);
      await move("All in", "up");
      await move("Closing", "down");
      assert.deepEqual(await names(), ["All in", "Qualified", "Proposal", "Negotiation", "Long shot", "Closing"]);
      assert.deepEqual((await stagesOf(pipelineId)).map((s) => s.position), [0, 1, 2, 3, 4, 5]);
      const bad = await post(pipelineId, { intent: "move_stage", stage_id: await id("Closing"), direction: "left" });
      assert.equal(bad.status, 422);
      assert.match(await bad.text(), /role="alert"[^>]*>Invalid option/);

      // The board shows the columns in the new order.
      const board = boardProps(await (await w.client.fetch(`/app/${w.org.slug}/deals?pipeline=${pipelineId}`)).text());
      assert.deepEqual(board.columns.map((c) => c.name), await names());
    });

    await t.step("rename the pipeline", async () => {
      assert.equal((await post(pipelineId, { intent: "rename", name: "Renewals & upsells" })).status, 303);
      const row = await w.run((q) =>
        q.selectFrom("pipelines").select("name").where("id", "=", pipelineId).executeTakeFirstOrThrow()
      );
      assert.equal(row.name, "Renewals & upsells");
      const blank = await post(pipelineId, { intent: "rename", name: "" });
      assert.equal(blank.status, 422);
      assert.match(await blank.text(), /Required/);
    });

    await t.step("deleting a stage with deals moves them (open and closed) to the chosen stage", async () => {
      const stages = await stagesOf(pipelineId);
      const qualified = stages.find((s) => s.name === "Qualified")!;
      const proposal = stages.find((s) => s.name === "Proposal")!;
      await w.addDeals(proposal.id, ["P1"]);
      const [, , won] = await w.addDeals(qualified.id, ["Q2", "Q1", "QW"]);
      await w.run((q) =>
        q.updateTable("deals").set({ status: "won", closed_at: new Date() }).where("id", "=", won).execute()
      );
      const ids = await w.run((q) =>
        q.selectFrom("deals").select(["id", "title"]).where("stage_id", "=", qualified.id).execute()
      );
      assert.equal(ids.length, 3);
      const page = await (await admin.client.fetch(`${base}/${pipelineId}`)).text();
      assert.match(page, /Delete Qualified \(3 deals\)/);

      // Refusals: the stage itself, a stage of another pipeline, no choice at all. Nothing moves.
      const self = await post(pipelineId, { intent: "delete_stage", stage_id: qualified.id, target_id: qualified.id });
      assert.equal(self.status, 422);
      assert.match(await self.text(), /Choose another stage for its deals/);
      const other = await post(pipelineId, {
        intent: "delete_stage",
        stage_id: qualified.id,
        target_id: w.pipeline.stages[1].id,
      });
      assert.equal(other.status, 422);
      assert.match(await other.text(), /Choose a stage of the same pipeline for its deals/);
      const none = await post(pipelineId, { intent: "delete_stage", stage_id: qualified.id, target_id: "" });
      assert.equal(none.status, 422);
      assert.match(await none.text(), /Choose where its deals go/);
      const stray = await post(pipelineId, {
        intent: "delete_stage",
        stage_id: qualified.id,
        target_id: crypto.randomUUID(),
      });
      assert.equal(stray.status, 422);
      await stray.body?.cancel();
      assert.deepEqual(await stageOrder(w, qualified.id), ["Q1", "Q2"]);

      const done = await post(pipelineId, { intent: "delete_stage", stage_id: qualified.id, target_id: proposal.id });
      assert.equal(done.status, 303);
      assert.equal(done.headers.get("location"), `${base}/${pipelineId}?done=delete_stage`);
      assert.match(await (await admin.client.fetch(done.headers.get("location")!)).text(), /its deals were moved/);

      const left = await stagesOf(pipelineId);
      assert.deepEqual(left.map((s) => s.name), ["All in", "Proposal", "Negotiation", "Long shot", "Closing"]);
      assert.deepEqual(left.map((s) => s.position), [0, 1, 2, 3, 4]);
      // Open deals go below the target's own, in their order; the won deal moves too and stays won.
      assert.deepEqual(await stageOrder(w, proposal.id), ["P1", "Q1", "Q2"]);
      const moved = await w.run((q) =>
        q.selectFrom("deals").select(["id", "stage_id", "status", "pipeline_id"]).where(
          "id",
          "in",
          ids.map((d) => d.id),
        )
          .execute()
      );
      assert.ok(moved.every((d) => d.stage_id === proposal.id && d.pipeline_id === pipelineId));
      assert.equal(moved.find((d) => d.id === won)!.status, "won");

      // Each moved deal's timeline records the change, by the admin who made it.
      for (const { id } of ids) {
        const events = await w.run((q) =>
          q.selectFrom("record_events").select(["kind", "detail", "actor_id"]).where("record_id", "=", id)
            .orderBy("id").execute()
        );
        const last = events.at(-1)!;
        assert.equal(last.kind, "stage_changed");
        assert.equal(last.actor_id, admin.user.id);
        assert.deepEqual({ from: last.detail.from, to: last.detail.to }, { from: "Qualified", to: "Proposal" });
      }
      const dealPage = await (await w.client.fetch(`/app/${w.org.slug}/deals/${ids[0].id}`)).text();
      assert.match(dealPage, /Ada Admin<\/span> moved it to another stage.*?Qualified<\/del>.*?Proposal<\/ins>/s);

      // The board agrees.
      const board = boardProps(await (await w.client.fetch(`/app/${w.org.slug}/deals?pipeline=${pipelineId}`)).text());
      const column = board.columns.find((c) => c.id === proposal.id)!;
      assert.deepEqual([column.count, column.cards.map((c) => c.title)], [3, ["P1", "Q1", "Q2"]]);
    });

    await t.step("delete a pipeline: refused while it holds deals, done when it is empty", async () => {
      const busy = await post(pipelineId, { intent: "delete_pipeline" });
      assert.equal(busy.status, 422);
      assert.match(await busy.text(), /Move or delete this pipeline(&#x27;|&#39;|')s deals first/);

      const created = await admin.client.fetch(base, form({ name: "Scratch" }));
      const scratch = created.headers.get("location")!.split("/").pop()!;
      const gone = await post(scratch, { intent: "delete_pipeline" });
      assert.equal(gone.status, 303);
      assert.equal(gone.headers.get("location"), `${base}?done=delete_pipeline`);
      const list = await (await admin.client.fetch(gone.headers.get("location")!)).text();
      assert.match(list, /Pipeline deleted\./);
      assert.doesNotMatch(list, /Scratch/);
      const left = await w.run(async (q) => ({
        pipelines: (await q.selectFrom("pipelines").select("name").orderBy("position").execute()).map((p) => p.name),
        stages: (await q.selectFrom("stages").select("id").where("pipeline_id", "=", scratch).execute()).length,
      }));
      assert.deepEqual(left, { pipelines: ["Sales", "Renewals & upsells"], stages: 0 });
      assert.equal((await admin.client.fetch(`${base}/${scratch}`)).status, 404);

      // The last pipeline of an org stays.
      const solo = await orgWithOwner(app, "Solo Ltd");
      const soloBase = `/app/${solo.org.slug}/settings/pipelines`;
      assert.equal((await solo.client.fetch(soloBase)).status, 200);
      const [only] = await withOrg({ orgId: solo.org.id }, (q) => q.selectFrom("pipelines").select("id").execute());
      const refused = await solo.client.fetch(`${soloBase}/${only.id}`, form({ intent: "delete_pipeline" }));
      assert.equal(refused.status, 422);
      assert.match(await refused.text(), /An organisation keeps at least one pipeline/);
      // Another org's pipeline is not reachable from this one.
      assert.equal((await solo.client.fetch(`${soloBase}/${pipelineId}`)).status, 404);
      const across = await solo.client.fetch(`${soloBase}/${pipelineId}`, form({ intent: "rename", name: "Mine" }));
      assert.equal(across.status, 404);
      await across.body?.cancel();
    });
  } finally {
    await app.close();
  }
});

Deno.test("pipelines settings: members are refused; the rotting threshold flags idle deals", async (t) => {
  const app = await testApp();
  try {
    const w = await dealWorld(app);
    const rep = await w.addMember("MEMBER", "Rita Rep");
    const base = `/app/${w.org.slug}/settings/pipelines`;
    const [s1, s2] = w.pipeline.stages;

    await t.step("members get 403 on every pipeline settings route and change nothing", async () => {
      const snapshot = () =>
        w.run(async (q) => ({
          pipelines: await q.selectFrom("pipelines").select(["id", "name"]).execute(),
          stages: await q.selectFrom("stages").select(["id", "name", "position", "probability"]).orderBy("id")
            .execute(),
        }));
      const before = await snapshot();
      const tries: [string, RequestInit | undefined][] = [
        [base, undefined],
        [`${base}/${w.pipeline.id}`, undefined],
        [base, form({ name: "Rogue" })],
        [`${base}/${w.pipeline.id}`, form({ intent: "add_stage", name: "Rogue", probability: "50" })],
        [
          `${base}/${w.pipeline.id}`,
          form({ intent: "update_stage", stage_id: s1.id, name: "Rogue", probability: "1" }),
        ],
        [`${base}/${w.pipeline.id}`, form({ intent: "move_stage", stage_id: s1.id, direction: "down" })],
        [`${base}/${w.pipeline.id}`, form({ intent: "delete_stage", stage_id: s1.id, target_id: s2.id })],
        [`${base}/${w.pipeline.id}`, form({ intent: "rename", name: "Rogue" })],
        [`${base}/${w.pipeline.id}`, form({ intent: "delete_pipeline" })],
      ];
      for (const [path, init] of tries) {
        const res = await rep.client.fetch(path, init);
        assert.equal(res.status, 403, `${init?.method ?? "GET"} ${path} ${init?.body ?? ""}`);
        await res.body?.cancel();
      }
      assert.deepEqual(await snapshot(), before);
      // The member still sees the board.
      assert.equal((await rep.client.fetch(`/app/${w.org.slug}/deals`)).status, 200);
    });

    const settings = (rotting_days: string, client = w.client) =>
      client.fetch(
        `/app/${w.org.slug}/settings`,
        form({ name: w.org.name, slug: w.org.slug, visibility: "all", rotting_days }),
      );
    const stored = () =>
      w.run((q) => q.trx.selectFrom("orgs").select("rotting_days").where("id", "=", w.org.id).executeTakeFirstOrThrow())
        .then((r) => r.rotting_days);

    await t.step("the threshold is validated; members cannot change it", async () => {
      for (
        const [value, message] of [
          ["-1", /0 or more days/],
          ["366", /At most 365 days/],
          ["2.5", /Enter whole days/],
          ["soon", /Enter a number of days/],
        ] as const
      ) {
        const res = await settings(value);
        assert.equal(res.status, 422, value);
        assert.match(await res.text(), message);
      }
      const refused = await settings("1", rep.client);
      assert.equal(refused.status, 403);
      await refused.body?.cancel();
      assert.equal(await stored(), 14);
    });

    await t.step("deals idle beyond the threshold are flagged on the board and the deal page", async () => {
      const [fresh, idle] = await w.addDeals(s1.id, ["Fresh deal", "Idle deal"]);
      const backdate = (id: string, days: number) =>
        w.run((q) =>
          q.updateTable("deals").set({ stage_entered_at: new Date(Date.now() - days * DAY_MS) }).where("id", "=", id)
            .execute()
        );
      await backdate(idle, 6);
      await backdate(fresh, 4);
      const flags = async () => {
        const column = boardProps(await (await w.client.fetch(`/app/${w.org.slug}/deals`)).text()).columns[0];
        return Object.fromEntries(column.cards.map((c) => [c.title, [c.rotting, c.daysInStage]]));
      };
      // Default: 14 days.
      assert.deepEqual(await flags(), { "Idle deal": [false, 6], "Fresh deal": [false, 4] });

      const saved = await settings("5");
      assert.equal(saved.status, 303);
      assert.equal(await stored(), 5);
      assert.deepEqual(await flags(), { "Idle deal": [true, 6], "Fresh deal": [false, 4] });
      assert.match(await (await w.client.fetch(base)).text(), /more than 5 days are flagged as rotting/);
      assert.match(await (await w.client.fetch(`/app/${w.org.slug}/deals/${idle}`)).text(), />Rotting</);
      assert.doesNotMatch(await (await w.client.fetch(`/app/${w.org.slug}/deals/${fresh}`)).text(), />Rotting</);
      // The member's board follows the org's setting too.
      const repBoard = boardProps(await (await rep.client.fetch(`/app/${w.org.slug}/deals`)).text());
      assert.equal(repBoard.columns[0].cards.find((c) => c.id === idle)?.rotting, true);

      assert.equal((await settings("3")).status, 303);
      assert.deepEqual(await flags(), { "Idle deal": [true, 6], "Fresh deal": [true, 4] });
      // 0 turns the flag off.
      assert.equal((await settings("0")).status, 303);
      assert.deepEqual(await flags(), { "Idle deal": [false, 6], "Fresh deal": [false, 4] });
      assert.match(await (await w.client.fetch(base)).text(), /Idle deals are not flagged/);
      assert.equal((await settings("3")).status, 303);

      // Moving a deal to another stage restarts its clock.
      const moved = await w.client.fetch(
        `/app/${w.org.slug}/deals/${idle}/move`,
        form({ stageId: s2.id, return: `/app/${w.org.slug}/deals` }),
      );
      assert.equal(moved.status, 303);
      const board = boardProps(await (await w.client.fetch(`/app/${w.org.slug}/deals`)).text());
      const card = board.columns[1].cards.find((c) => c.id === idle)!;
      assert.deepEqual([card.rotting, card.daysInStage], [false, 0]);
    });
  } finally {
    await app.close();
  }
});
