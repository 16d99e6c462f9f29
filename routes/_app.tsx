import type { PageProps } from "@/lib/fresh/types.ts";

export default function App({ Component }: PageProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>NexaCRM</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </head>
      <body class="min-h-screen bg-slate-50 text-slate-900 font-sans antialiased">
        <Component />
      </body>
    </html>
  );
}
