import { SiteHeader } from "@/components/SiteHeader.tsx";

export default function NotFound() {
  return (
    <>
      <SiteHeader />
      <main class="max-w-xl mx-auto px-6 py-24 text-center">
        <h1 class="text-3xl font-bold">Page not found</h1>
        <p class="mt-4 text-slate-600">The page you asked for does not exist, or you do not have access to it.</p>
        <a href="/" class="mt-8 inline-block text-brand-600 underline">Back to the start</a>
      </main>
    </>
  );
}
