import m0000 from './20261125213314_init/migration.sql';

  export default {
    migrations: {
      "20261125213314_init": m0000
}
  }
  