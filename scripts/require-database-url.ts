// test:pg runs the suite against a PostgreSQL server; without DATABASE_URL it must fail, not pass vacuously.
if (!process.env.DATABASE_URL) {
  console.error('test:pg needs DATABASE_URL, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/rubric_test npm run test:pg');
  process.exit(2);
}
