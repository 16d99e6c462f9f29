/** Landing-page demo: how a weighted pipeline forecast moves as deals advance. */
import { useState } from "preact/hooks";

export interface ForecastStage {
  name: string;
  probability: number;
}

export interface ForecastPreviewProps {
  stages: ForecastStage[];
  dealValue: number;
  currency: string;
}

export default function ForecastPreview({ stages, dealValue, currency }: ForecastPreviewProps) {
  const [stage, setStage] = useState(0);
  const current = stages[stage];
  const money = new Intl.NumberFormat("en", { style: "currency", currency, maximumFractionDigits: 0 });
  return (
    <div class="rounded-xl bg-white shadow-sm ring-1 ring-slate-200 p-6">
      <p class="text-sm text-slate-500">A {money.format(dealValue)} deal in</p>
      <p class="text-xl font-semibold" data-testid="forecast-stage">{current.name}</p>
      <p class="mt-2 text-3xl font-bold text-brand-600" data-testid="forecast-weighted">
        {money.format(dealValue * current.probability / 100)}
      </p>
      <p class="text-sm text-slate-500">weighted forecast at {current.probability}%</p>
      <div class="mt-4 flex gap-2">
        <button
          type="button"
          class="rounded-md border border-slate-300 px-3 py-1.5 text-sm disabled:opacity-40"
          disabled={stage === 0}
          onClick={() => setStage(stage - 1)}
        >
          Move back
        </button>
        <button
          type="button"
          class="rounded-md bg-brand-600 px-3 py-1.5 text-sm text-white disabled:opacity-40"
          disabled={stage === stages.length - 1}
          onClick={() => setStage(stage + 1)}
        >
          Advance deal
        </button>
      </div>
    </div>
  );
}
