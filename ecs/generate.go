package ecs

// The field table is generated from the ECS release schema, which lives
// outside the repository next to it (../../shared/ecs from here).
//go:generate go run ./internal/ecsgen -in ../../shared/ecs/ecs_flat.yml -out fields_gen.go -version 9.4.0
