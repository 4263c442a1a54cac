import m0000 from './20261125215904_init/migration.sql';

  export default {
    migrations: {
      "20261125215904_init": m0000
}
  }
  