/**
 * The rule editor: a plain form (it works without JavaScript). Buttons inside it add or remove a
 * condition or an action, apply a trigger, or preview an email against a real record; the server
 * re-renders the form with the change, and only "Save rule" saves.
 */
import { Field, FormError, Select } from "@/components/Form.tsx";
import { Button, Panel } from "@/components/AuthPanels.tsx";
import { TextArea } from "@/components/records/TextArea.tsx";
import type { EditorOptions } from "@/lib/automation/editor.ts";
import { groups } from "@/lib/automation/rule_form.ts";
import type { Preview } from "@/lib/automation/test_mode.ts";
import { isTrigger, TRIGGERS } from "@/lib/automation/triggers.ts";
import type { FieldErrors, FormValues } from "@/lib/http/forms.ts";

export interface RuleEditorProps {
  action: string;
  values: FormValues;
  errors?: FieldErrors;
  options: EditorOptions;
  preview?: Preview & { position: number };
}

type Common = { values: FormValues; errors?: FieldErrors };

const any = (label: string, options: [string, string][]): [string, string][] => [["", label], ...options];

function TriggerFields({ type, options, ...form }: Common & { type: string; options: EditorOptions }) {
  switch (type) {
    case "deal.stage_changed":
      return (
        <>
          <Select
            name="trigger.to_stage_id"
            label="Moved to"
            options={any("Choose a stage", options.stages)}
            {...form}
          />
          <Select name="trigger.from_stage_id" label="From" options={any("Any stage", options.stages)} {...form} />
        </>
      );
    case "deal.lost":
      return <Field name="trigger.reason" label="With the reason (optional)" maxLength={500} {...form} />;
    case "lead.created":
      return (
        <Select
          name="trigger.source"
          label="From the source"
          options={[["", "Any source"], ["web_form", "Web form"], ["manual", "Entered by hand"], ["api", "API"], [
            "import",
            "Import",
          ]]}
          {...form}
        />
      );
    case "deal.amount_reached":
      return <Field name="trigger.amount" label="Amount at or above" type="number" required {...form} />;
    case "deal.idle":
      return (
        <Field
          name="trigger.days"
          label="Idle for (days)"
          type="number"
          required
          hint="No change and no activity for this long."
          {...form}
        />
      );
    default:
      return null;
  }
}

function ConditionFields({ i, type, options, record, ...form }: Common & {
  i: number;
  type: string;
  options: EditorOptions;
  record: "deal" | "lead";
}) {
  const name = (k: string) => `conditions.${i}.${k}`;
  switch (type) {
    case "pipeline":
      return <Select name={name("value")} label="Pipeline" options={any("Choose", options.pipelines)} {...form} />;
    case "stage":
      return <Select name={name("value")} label="Stage" options={any("Choose", options.stages)} {...form} />;
    case "owner":
      return <Select name={name("value")} label="Owner" options={any("Choose", options.members)} {...form} />;
    case "team":
      return <Select name={name("value")} label="Team" options={any("Choose", options.teams)} {...form} />;
    case "amount":
      return (
        <div class="grid gap-x-4 sm:grid-cols-2">
          <Field name={name("min")} label="At least" type="number" {...form} />
          <Field name={name("max")} label="At most" type="number" {...form} />
        </div>
      );
    case "source":
      return (
        <Select
          name={name("value")}
          label="Source"
          options={[["web_form", "Web form"], ["manual", "Entered by hand"], ["api", "API"], ["import", "Import"]]}
          {...form}
        />
      );
    case "text":
      return (
        <div class="grid gap-x-4 sm:grid-cols-2">
          <Select name={name("field")} label="Field" options={options.textFields[record]} {...form} />
          <Field name={name("value")} label="Contains" maxLength={200} {...form} />
        </div>
      );
    default:
      return null;
  }
}

function PreviewBox({ preview }: { preview: Preview }) {
  if (!preview.ok) {
    return (
      <div role="alert" class="mb-4 rounded-md bg-red-50 p-3 text-sm text-red-700">
        {Object.values(preview.errors).map((e) => <p key={e}>{e}</p>)}
      </div>
    );
  }
  return (
    <section aria-label="Email preview" class="mb-4 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
      <p class="font-medium">Subject: {preview.subject}</p>
      <p class="mt-2 whitespace-pre-wrap">{preview.body}</p>
    </section>
  );
}

export function RuleEditor({ action, values, errors, options, preview }: RuleEditorProps) {
  const type = isTrigger(values.trigger_type ?? "") ? values.trigger_type : "deal.stage_changed";
  const record = TRIGGERS[type as keyof typeof TRIGGERS].record;
  const form = { values, errors };
  const conditions = groups(values, "conditions");
  const actions = groups(values, "actions");
  const actionTypes = options.actions[record];
  return (
    <form method="post" action={action} novalidate>
      <FormError errors={errors} />
      <Panel title="Rule">
        <Field name="name" label="Name" required maxLength={100} {...form} />
        <label class="mb-4 flex items-center gap-2 text-sm">
          <input type="checkbox" name="active" checked={values.active === "on"} />
          Active (runs when its trigger happens)
        </label>
      </Panel>
      <Panel title="When" description="What starts the rule. After changing the trigger, apply it to see its options.">
        <Select name="trigger_type" label="Trigger" options={options.triggers} value={type} {...form} />
        <div class="mb-4">
          <Button kind="secondary" name="apply_trigger" value="1">Apply trigger</Button>
        </div>
        <TriggerFields type={type} options={options} {...form} />
      </Panel>
      <Panel title="If" description="Conditions the record must meet when the rule runs. None: always.">
        <Select name="match" label="Match" options={[["all", "All conditions"], ["any", "Any condition"]]} {...form} />
        <ol class="space-y-3">
          {conditions.map((c, i) => (
            <li class="rounded-md border border-slate-200 p-3">
              <input type="hidden" name={`conditions.${i}.type`} value={c.type} />
              <p class="mb-2 text-sm font-medium">
                {options.conditionTypes[record].find(([t]) => t === c.type)?.[1] ?? c.type}
              </p>
              {errors?.[`conditions.${i}.type`]
                ? <p class="mb-2 text-sm text-red-600">{errors[`conditions.${i}.type`]}</p>
                : null}
              <ConditionFields i={i} type={c.type} options={options} record={record} {...form} />
              <Button kind="secondary" name="remove_condition" value={String(i)}>
                Remove<span class="sr-only">{` condition ${i + 1}`}</span>
              </Button>
            </li>
          ))}
        </ol>
        <div class="mt-3 flex flex-wrap items-end gap-3">
          <Select name="new_condition" label="New condition" options={options.conditionTypes[record]} value="" />
          <div class="mb-4">
            <Button kind="secondary" name="add_condition" value="1">Add condition</Button>
          </div>
        </div>
      </Panel>
      <Panel
        title="Then"
        description={`Actions, in order. Merge fields: ${options.mergeFields[record].map((f) => `{{${f}}}`).join(" ")}`}
      >
        <ol class="space-y-3">
          {actions.map((a, i) => {
            const definition = actionTypes.find((d) => d.type === a.type);
            return (
              <li class="rounded-md border border-slate-200 p-3">
                <input type="hidden" name={`actions.${i}.type`} value={a.type} />
                <p class="mb-2 text-sm font-medium">{i + 1}. {definition?.label ?? a.type}</p>
                {errors?.[`actions.${i}.type`]
                  ? <p class="mb-2 text-sm text-red-600">{errors[`actions.${i}.type`]}</p>
                  : null}
                {definition?.fields.map((f) => {
                  const name = `actions.${i}.${f.name}`;
                  if (f.kind === "textarea") {
                    return <TextArea key={name} name={name} label={f.label} rows={5} {...form} />;
                  }
                  if (f.kind === "select") {
                    return (
                      <Select
                        key={name}
                        name={name}
                        label={f.label}
                        options={any("Choose", f.choices ?? [])}
                        {...form}
                      />
                    );
                  }
                  return (
                    <Field
                      name={name}
                      label={f.label}
                      type={f.kind === "number" ? "number" : "text"}
                      hint={f.hint}
                      {...form}
                    />
                  );
                })}
                {preview?.position === i ? <PreviewBox preview={preview} /> : null}
                <div class="flex flex-wrap gap-3">
                  {a.type === "send_email"
                    ? (
                      <Button kind="secondary" name="preview" value={String(i)}>
                        Preview<span class="sr-only">{` email of action ${i + 1}`}</span>
                      </Button>
                    )
                    : null}
                  <Button kind="secondary" name="remove_action" value={String(i)}>
                    Remove<span class="sr-only">{` action ${i + 1}`}</span>
                  </Button>
                </div>
              </li>
            );
          })}
        </ol>
        <div class="mt-3 flex flex-wrap items-end gap-3">
          <Select
            name="new_action"
            label="New action"
            options={actionTypes.map((d) => [d.type, d.label])}
            value=""
          />
          <div class="mb-4">
            <Button kind="secondary" name="add_action" value="1">Add action</Button>
          </div>
        </div>
        <Select
          name="preview_record"
          label={`Preview emails with the ${record}`}
          options={any(`Choose a ${record}`, options.records[record])}
          {...form}
        />
      </Panel>
      <Button>Save rule</Button>
    </form>
  );
}
