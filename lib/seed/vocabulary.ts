/** Word lists and templates that make seeded records read like a sales team's CRM. */

export const INDUSTRIES = [
  "Software",
  "Manufacturing",
  "Healthcare",
  "Financial services",
  "Retail",
  "Logistics",
  "Education",
  "Construction",
  "Hospitality",
  "Energy",
  "Media",
  "Real estate",
  "Legal",
  "Agriculture",
] as const;

export const TEAMS = ["Inside sales", "Field sales", "Partnerships"] as const;

/** The pipelines every seeded org gets, with the share of deals each one carries. */
export const PIPELINES = [
  {
    name: "Sales",
    share: 0.85,
    medianValue: 12_000,
    stages: [
      { name: "Qualified", probability: 10 },
      { name: "Meeting", probability: 30 },
      { name: "Proposal", probability: 60 },
      { name: "Negotiation", probability: 80 },
    ],
  },
  {
    name: "Renewals",
    share: 0.15,
    medianValue: 6_000,
    stages: [
      { name: "Up for renewal", probability: 50 },
      { name: "Quote sent", probability: 75 },
      { name: "Verbal yes", probability: 90 },
    ],
  },
] as const;

export const DEAL_KINDS = [
  "Annual licence",
  "Pilot",
  "Expansion",
  "Enterprise plan",
  "Team plan",
  "Onboarding package",
  "Support add-on",
  "Multi-year agreement",
  "Training",
  "Integration project",
] as const;

export const LOST_REASONS = [
  "Price too high",
  "Chose a competitor",
  "No budget this year",
  "No decision",
  "Timing",
  "Missing feature",
  "Went silent",
] as const;

export const DISQUALIFY_REASONS = [
  "Not a fit",
  "Too small",
  "Student or job seeker",
  "Duplicate",
  "No budget",
  "Spam",
] as const;

export const LEAD_MESSAGES = [
  "We are looking for a CRM for a team of {n}. Can we book a demo?",
  "Interested in pricing for {n} seats.",
  "Please call me back about migrating from spreadsheets.",
  "Do you integrate with our accounting tool?",
  "Saw you at the trade fair, would like to learn more.",
  "Our current tool is too slow for {n} reps. What do you offer?",
  "Requesting a quote for an annual plan.",
] as const;

type ActivityType = "call" | "email" | "meeting" | "task" | "note";

export const ACTIVITY_TYPES: readonly (readonly [ActivityType, number])[] = [
  ["email", 30],
  ["call", 25],
  ["task", 20],
  ["meeting", 15],
  ["note", 10],
];

export const SUBJECTS: Record<ActivityType, readonly string[]> = {
  call: ["Discovery call", "Follow-up call", "Pricing call", "Check-in call", "Left a voicemail", "Reference call"],
  email: ["Sent proposal", "Sent case study", "Replied to questions", "Intro email", "Sent contract", "Recap email"],
  meeting: ["Product demo", "Kick-off meeting", "Technical deep dive", "Negotiation meeting", "Quarterly review"],
  task: ["Send follow-up", "Prepare quote", "Update contract draft", "Call back", "Schedule demo", "Check references"],
  note: ["Budget confirmed", "Decision maker identified", "Competitor in the mix", "Champion changed role"],
};

export const BODIES = [
  "",
  "Went well, next step agreed.",
  "They want to involve their finance team.",
  "Asked for a discount on the annual plan.",
  "Need to loop in IT for the security review.",
  "Timeline slipped by two weeks.",
  "Strong interest in the reporting features.",
] as const;
