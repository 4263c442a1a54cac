import m0000 from './20261126013059_relations/migration.sql';

  export default {
    migrations: {
      "20261126013059_relations": m0000
}
  }
  