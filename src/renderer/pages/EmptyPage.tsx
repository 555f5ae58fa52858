export function EmptyPage({ title, text }: { title: string; text: string }) {
  return (
    <section>
      <h1>{title}</h1>
      <p className="empty">{text}</p>
    </section>
  );
}
