export default function Home() {
  return (
    <main>
      <h1>Your new app</h1>
      <p>Edit app/page.tsx to begin.</p>
    </main>
  );
}
