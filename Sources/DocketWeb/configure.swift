import DocketCore
import DocketStore
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import LeafKit
import SQLKit
import Vapor

/// Builds the application: database, migrations, middleware, views, routes and commands.
/// `docket` and the tests call this the same way.
public func configure(_ app: Application, services: DocketServices) async throws {
    var services = services
    // A pool of its own for blocking work, SQLite's statements among them, rather than the
    // process-wide one of as many threads as cores. SQLite's busy handler (SQLiteNIO's) retries on
    // its thread until the writer holding the lock commits; if every thread of the pool is so
    // spinning, the writer never gets one to commit on, and requests wait for a connection until
    // the pool times out (500s under concurrent filings, seen when several applications shared the
    // one pool in the tests). With one connection per event loop, a pool of more threads than
    // connections always leaves the writer a thread.
    app.threadPool = NIOThreadPool(numberOfThreads: max(4, 2 * System.coreCount))
    services.passwordRulesLoaded = try PasswordRules.load(resources: app.directory.resourcesDirectory)
    if let path = services.config.signingKeyFile { services.signingKeyRaw = try SigningKey.load(path).rawRepresentation }
    services.passwordGate = PasswordGate(threads: services.config.signInThreads, queue: services.config.signInQueue)
    app.docket = services
    app.lifecycle.use(PasswordGateShutdown())
    if services.serves { _ = PasswordGate.dummyHash }  // pay for it now, not on the first unknown address
    switch services.config.database {
    case .sqlite(let path):
        app.databases.use(.sqlite(.file(path), connectionPoolTimeout: .seconds(Int64(services.config.databaseWait))), as: .sqlite)
    case .postgres(let url, let schema, let owner):
        var pg = try SQLPostgresConfiguration(url: url)
        if let schema { pg.searchPath = [schema] }
        app.databases.use(
            .postgres(
                configuration: pg, maxConnectionsPerEventLoop: services.config.databaseConnectionsPerLoop,
                connectionPoolTimeout: .seconds(Int64(services.config.databaseWait))), as: .psql)
        if let owner {
            var o = try SQLPostgresConfiguration(url: owner)
            if let schema { o.searchPath = [schema] }
            app.databases.use(.postgres(configuration: o, maxConnectionsPerEventLoop: 1), as: .owner, isDefault: false)
        }
    }
    let owner = services.config.database.hasOwner ? app.db(.owner) : app.db
    if case .postgres(_, let schema?, _) = services.config.database {
        // Tests give each run its own schema so they can run side by side on one database.
        try await (owner as! any SQLDatabase).raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run()
    }
    _ = APIJSON.installed
    app.migrations.add(DocketMigrations.all, to: services.config.database.hasOwner ? .owner : nil)
    // Migrating on every start is safe (applied migrations are skipped) and makes the first
    // `docket serve` on a new machine work with no set-up step.
    try await app.autoMigrate()
    if case .postgres(let url, let schema, _) = services.config.database {
        if services.config.database.hasOwner {
            try await LeastPrivilege.grant(to: url, schema: schema, on: owner as! any SQLDatabase)
            app.databases.reinitialize(.owner)  // the owner's connection is not kept open
        } else if try await LeastPrivilege.ownsTables(app.db as! any SQLDatabase) {
            app.logger.warning(
                "Docket connects to PostgreSQL as the owner of its tables, so it could drop its own append-only triggers. Set DATABASE_OWNER_URL to the owner and DATABASE_URL to a role without ownership (README, Least privilege)."
            )
        }
    }
    if case .sqlite = services.config.database {
        // Readers (the oversight figures, the verifier) then never block writers, nor they them.
        try await (app.db as! any SQLDatabase).raw("PRAGMA journal_mode=WAL").run()
        // Statistics for the query planner, for tables that have grown since they were last
        // measured: without them SQLite may pick the index on route (two values) over the one on
        // deadlines for the overdue list. Cheap: it samples, and skips tables that have not changed.
        try await (app.db as! any SQLDatabase).raw("PRAGMA optimize=0x10002").run()
    }
    // A database from before the oversight projection existed gets it filled in from the log.
    let procedure = try await services.procedure(on: app.db)
    let rebuilt = try await Projections.rebuild(all: false, procedure: procedure, on: app.db)
    if rebuilt > 0 { app.logger.notice("Built the oversight projection for \(rebuilt) cases from the event log.") }

    // Templates are read and parsed once per process, whatever the environment: Leaf's own
    // provider turns its cache off in Vapor's development environment, which is what
    // `docket serve` runs in, and then every page read, lexed and parsed its templates from
    // disk (half of a case page's time, in a profile under load). A changed template needs a
    // restart.
    app.views.use { app in
        LeafRenderer(
            configuration: app.leaf.configuration, tags: app.leaf.tags, cache: app.leaf.cache, sources: app.leaf.sources,
            eventLoop: app.eventLoopGroup.next(), userInfo: ["application": app])
    }
    app.passwords.use(.bcrypt)
    // Forms that take more say so where they are registered (`RoutesBuilder.form`).
    app.routes.defaultMaxBodySize = "1mb"
    app.middleware = Middlewares()
    // Outermost, so that every answer carries them, refusals and errors included.
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(DocketErrorMiddleware())
    app.middleware.use(FileMiddleware(publicDirectory: app.directory.publicDirectory))

    try routes(app)
    if services.serves, services.config.smtp != nil { app.lifecycle.use(OutboxWorker()) }
    if services.serves { app.lifecycle.use(OversightWarmUp()) }
    if services.serves { app.lifecycle.use(RetentionWorker()) }
    if services.serves, services.signingKeyRaw != nil { app.lifecycle.use(CheckpointMailer()) }

    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(AdminCommand(), as: "admin")
    app.asyncCommands.use(AuditCommand(), as: "audit")
    app.asyncCommands.use(RulebookCommand(), as: "rulebook")
    app.asyncCommands.use(ImportMembersCommand(), as: "import-members")
    app.asyncCommands.use(ReportCommand(), as: "report")
    app.asyncCommands.use(ProjectionsCommand(), as: "projections")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")
    app.asyncCommands.use(RetentionCommand(), as: "retention")
    app.asyncCommands.use(SubjectAccessCommand(), as: "subject-access")
}

func routes(_ app: Application) throws {
    try app.register(collection: HealthController())
    try app.register(collection: OpenAPIController())
    let web = app.grouped(SessionMiddleware(), CSRFMiddleware())
    try web.register(collection: HomeController())
    try web.register(collection: SessionController())
    try web.register(collection: IntakeController())
    try web.register(collection: ReceiptController())
    try web.register(collection: PublicationController())
    try web.register(collection: ReportController())
    try web.register(collection: StatementController())
    let signedIn = web.grouped(RequireSignIn())
    try signedIn.register(collection: CaseWebController())
    try signedIn.register(collection: OversightController())
    try signedIn.register(collection: GovernanceQueues())
    try signedIn.register(collection: OversightAnalyticsController())
    try signedIn.register(collection: ReviewProgrammeController())
    try signedIn.register(collection: AdminController())
    try signedIn.register(collection: TokenController())
    try signedIn.register(collection: CalendarController())
    try signedIn.register(collection: YourDataController())
    try signedIn.register(collection: ErasureController())
    try signedIn.register(collection: PartiesController())
    // A calendar program subscribes with the secret in the address, and carries no session.
    app.get("calendar", ":feed", use: CalendarController.feed)
    let api = app.grouped("api", "v1").grouped(APIRateLimit(), BearerAuthenticator())
    try api.register(collection: CaseAPIController())
    try api.register(collection: AccountAPIController())
}

/// The API speaks snake_case JSON with ISO 8601 instants (milliseconds, UTC).
enum APIJSON {
    static let installed: Void = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = DocketJSON.encoder.dateEncodingStrategy
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = DocketJSON.decoder.dateDecodingStrategy
        ContentConfiguration.global.use(encoder: encoder, for: .json)
        ContentConfiguration.global.use(decoder: decoder, for: .json)
    }()
}
