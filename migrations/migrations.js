import m0000 from './20261125211510_init/migration.sql';

  export default {
    migrations: {
      "20261125211510_init": m0000
}
  }
  