export default function ServerError() {
  return (
    <main class="max-w-xl mx-auto px-6 py-24 text-center">
      <h1 class="text-3xl font-bold">Something went wrong</h1>
      <p class="mt-4 text-slate-600">We could not complete that request. It has been logged; please try again.</p>
      <a href="/" class="mt-8 inline-block text-brand-600 underline">Back to the start</a>
    </main>
  );
}
