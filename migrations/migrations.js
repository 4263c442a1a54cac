import m0000 from './20261125230118_init/migration.sql';

  export default {
    migrations: {
      "20261125230118_init": m0000
}
  }
  