# Development
export CONCIERGE_ENV=dev
bit ws open --path ~/workspace_dev

# Staging
export CONCIERGE_ENV=staging
bit ws open --path ~/workspace_staging

# Production
export CONCIERGE_ENV=prod
bit ws open --path ~/workspace_prod
