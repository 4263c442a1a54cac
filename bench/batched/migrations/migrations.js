import m0000 from './20261125233642_event/migration.sql';

  export default {
    migrations: {
      "20261125233642_event": m0000
}
  }
  