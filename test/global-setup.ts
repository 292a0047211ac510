/** Says loudly, once per run, whether the PostgreSQL half of the storage tests runs. */
export default function setup(): void {
  if (process.env.TEST_DATABASE_URL) {
    console.log(
      `\n[duly] storage tests run on SQLite and on PostgreSQL (${process.env.TEST_DATABASE_URL})\n`,
    );
  } else {
    console.log(
      '\n[duly] PostgreSQL storage tests SKIPPED: TEST_DATABASE_URL is not set. Only SQLite runs.\n' +
        '       Set TEST_DATABASE_URL=postgres://127.0.0.1:5432/test to run both engines.\n',
    );
  }
}
