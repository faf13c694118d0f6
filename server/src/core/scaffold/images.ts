/**
 * The base images the generated files use: tags supported on the dates `../data/eol.ts` knows
 * (checked 2026-11-26), on each stack's minimal variant (`../data/minimal-variants.ts`). When the
 * table is refreshed, test/unit/core/scaffold/generate.test.ts lints every generated file at that
 * table's date, so a tag past its end of life turns it red: bump it here.
 */
export const IMAGES = {
	/** Node 24 LTS (Krypton), supported until 2028-04-30. Alpine: BusyBox wget for the health check. */
	node: 'node:24-alpine',
	/** Python 3.14, until 2030-10. `-slim`: glibc, so wheels install without compiling. */
	python: 'python:3.14-slim',
	/** Go 1.27 until 2027-08 (predicted); the binary ships on Alpine 3.23 (until 2027-11). */
	goBuild: 'golang:1.27-alpine',
	alpine: 'alpine:3.23',
	/** Temurin 21 LTS (at least until 2029-12): the JDK builds, the JRE runs. */
	mavenBuild: 'maven:3-eclipse-temurin-21-alpine',
	gradleBuild: 'gradle:jdk21-alpine',
	jdk: 'eclipse-temurin:21-jdk-alpine',
	jre: 'eclipse-temurin:21-jre-alpine',
	/** .NET 10 LTS (November 2025 to November 2028); .NET 8 ended on 2026-11-10. */
	dotnetSdk: 'mcr.microsoft.com/dotnet/sdk:10.0-alpine',
	dotnetRuntime: 'mcr.microsoft.com/dotnet/aspnet:10.0-alpine',
	/** Rust builds a musl binary on Alpine, which runs on plain Alpine. */
	rustBuild: 'rust:1-alpine',
	/** Ruby 3.4, until 2028-03. */
	ruby: 'ruby:3.4-slim',
	/** BusyBox's httpd serves a static site in a 4 MB image, and its wget probes it. */
	busybox: 'busybox:1.37',
	postgres: 'postgres:18-alpine',
	redis: 'redis:8.2-alpine',
	mysql: 'mysql:8.4',
	mongo: 'mongo:8.0',
} as const;
