import m0000 from './20261126022941_orders/migration.sql';

  export default {
    migrations: {
      "20261126022941_orders": m0000
}
  }
  